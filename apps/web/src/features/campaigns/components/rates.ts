/** At or over the cap is a breach: the cap is the most allowed, and the pacer backs off there. */
export const overCap = (rate: number, cap: number) => rate >= cap - 1e-9;
