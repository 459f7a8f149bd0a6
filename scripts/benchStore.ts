export async function benchStore(_: unknown): Promise<void> {}
