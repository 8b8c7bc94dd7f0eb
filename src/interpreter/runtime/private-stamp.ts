// A base "class" whose constructor returns the object it is given: a subclass of it adds its private
// fields to that object. The interpreter stamps its own state on host objects this way (a guest
// function's state, an async call's awaiting frame): invisible to guest reflection and Proxies, and
// measured cheaper to add and read than a WeakMap entry.
// A derived constructor (`extends null`) that never calls super(): constructing it makes no receiver
// of its own, where a plain function constructor allocated one per stamp only to drop it.
export const ReturnTarget = class extends null { constructor(o: object) { return o; } } as unknown as new (o: object) => object;
