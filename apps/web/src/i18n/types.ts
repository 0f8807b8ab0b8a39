/** Every leaf string of the English resources becomes `string`: the shape each locale fills in. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
