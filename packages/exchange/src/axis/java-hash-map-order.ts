/** Java's String.hashCode over UTF-16 code units, as a signed 32-bit int. */
export function javaStringHash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h;
}

/**
 * The iteration order of a `java.util.HashMap<String,String>` holding `keys` inserted in that order: by bucket
 * `(h ^ (h >>> 16)) & (capacity - 1)`, insertion order within a bucket (resizing keeps it). The capacity starts at 16
 * and doubles past 0.75 × capacity entries. VNPT's SDK signs its headers in this order (vdxp-capture README §2).
 */
export function javaHashMapOrder(keys: readonly string[]): string[] {
  let capacity = 16;
  while (keys.length > capacity * 0.75) capacity *= 2;
  const bucketOf = (key: string): number => {
    const h = javaStringHash(key);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return keys
    .map((key, index) => ({ key, index, bucket: bucketOf(key) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((e) => e.key);
}
