/// FNV-1a, 64 bits (Fowler, Noll and Vo): for each byte, xor it into the hash, then multiply by the FNV prime
/// 0x100000001b3, starting from the offset basis 0xcbf29ce484222325. Stable across machines and Swift versions,
/// unlike `Hasher`, which is seeded per process. "" → 0xcbf29ce484222325, "a" → 0xaf63dc4c8601ec8c,
/// "foobar" → 0x85944171f73967e8.
public enum FNV1a {
    public static func hash64<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
    }
}
