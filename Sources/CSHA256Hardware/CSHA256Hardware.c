#include "CSHA256Hardware.h"

#if defined(__x86_64__)

#include <immintrin.h>

int csha256_hardware_is_available(void) {
  // The runtime's CPU model is filled in by a constructor; initialising again is cheap and
  // makes the answer right even if this runs before that constructor.
  __builtin_cpu_init();
  return __builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1");
}

// K (§4.2.2), loaded four at a time; K(t) sits in the lowest lane as sha256rnds2 expects.
static const uint32_t round_constants[64] __attribute__((aligned(16))) = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define CSHA256_TARGET __attribute__((target("sha,sse4.1")))

// Four rounds t…t+3: sha256rnds2 does two rounds on the low two lanes of `schedule` + K, so
// the upper pair is moved down for the second call. The state is kept as the halves the
// instruction works on, ABEF and CDGH.
static inline CSHA256_TARGET void four_rounds(__m128i *abef, __m128i *cdgh, __m128i schedule,
                                             int t) {
  const __m128i wk =
    _mm_add_epi32(schedule, _mm_load_si128((const __m128i *)&round_constants[t]));
  *cdgh = _mm_sha256rnds2_epu32(*cdgh, *abef, wk);
  *abef = _mm_sha256rnds2_epu32(*abef, *cdgh, _mm_shuffle_epi32(wk, 0x0E));
}

// W(j) = σ1(W(j-2)) + W(j-7) + σ0(W(j-15)) + W(j-16) for the four j = t+4…t+7, `current`
// holding W(t…t+3) and `previous` W(t-4…t-1): `next` comes in with σ0 + W(j-16) from
// sha256msg1, W(j-7) straddles `previous` and `current`, and sha256msg2 adds the σ1 terms,
// which depend on words it is itself producing.
static inline CSHA256_TARGET __m128i next_schedule(__m128i next, __m128i current,
                                                  __m128i previous) {
  next = _mm_add_epi32(next, _mm_alignr_epi8(current, previous, 4));
  return _mm_sha256msg2_epu32(next, current);
}

CSHA256_TARGET
void csha256_hardware_compress(uint32_t state[8], const uint8_t *blocks, size_t block_count) {
  if (state == NULL || blocks == NULL || block_count == 0) {
    return;
  }
  // Message words are big-endian; this shuffle reverses the bytes of each 32-bit lane.
  const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);

  // From A B C D | E F G H in memory to the lanes sha256rnds2 uses, ABEF and CDGH (names
  // read from the highest lane down).
  const __m128i cdab = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xB1);
  const __m128i efgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B);
  __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
  __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);

  for (size_t index = 0; index < block_count; index++) {
    const uint8_t *block = blocks + index * 64;
    const __m128i abef_before = abef;
    const __m128i cdgh_before = cdgh;

    __m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 0)), byte_swap);
    __m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 16)), byte_swap);
    __m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 32)), byte_swap);
    __m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 48)), byte_swap);

    // The schedule lives in four registers used round-robin: while rounds run on one, the
    // next is finished (sha256msg2) and the one after that started (sha256msg1).
    four_rounds(&abef, &cdgh, m0, 0);
    four_rounds(&abef, &cdgh, m1, 4);
    m0 = _mm_sha256msg1_epu32(m0, m1);
    four_rounds(&abef, &cdgh, m2, 8);
    m1 = _mm_sha256msg1_epu32(m1, m2);
    four_rounds(&abef, &cdgh, m3, 12);
    m0 = next_schedule(m0, m3, m2);
    m2 = _mm_sha256msg1_epu32(m2, m3);
    four_rounds(&abef, &cdgh, m0, 16);
    m1 = next_schedule(m1, m0, m3);
    m3 = _mm_sha256msg1_epu32(m3, m0);
    four_rounds(&abef, &cdgh, m1, 20);
    m2 = next_schedule(m2, m1, m0);
    m0 = _mm_sha256msg1_epu32(m0, m1);
    four_rounds(&abef, &cdgh, m2, 24);
    m3 = next_schedule(m3, m2, m1);
    m1 = _mm_sha256msg1_epu32(m1, m2);
    four_rounds(&abef, &cdgh, m3, 28);
    m0 = next_schedule(m0, m3, m2);
    m2 = _mm_sha256msg1_epu32(m2, m3);
    four_rounds(&abef, &cdgh, m0, 32);
    m1 = next_schedule(m1, m0, m3);
    m3 = _mm_sha256msg1_epu32(m3, m0);
    four_rounds(&abef, &cdgh, m1, 36);
    m2 = next_schedule(m2, m1, m0);
    m0 = _mm_sha256msg1_epu32(m0, m1);
    four_rounds(&abef, &cdgh, m2, 40);
    m3 = next_schedule(m3, m2, m1);
    m1 = _mm_sha256msg1_epu32(m1, m2);
    four_rounds(&abef, &cdgh, m3, 44);
    m0 = next_schedule(m0, m3, m2);
    m2 = _mm_sha256msg1_epu32(m2, m3);
    four_rounds(&abef, &cdgh, m0, 48);
    m1 = next_schedule(m1, m0, m3);
    m3 = _mm_sha256msg1_epu32(m3, m0);
    four_rounds(&abef, &cdgh, m1, 52);
    m2 = next_schedule(m2, m1, m0);
    four_rounds(&abef, &cdgh, m2, 56);
    m3 = next_schedule(m3, m2, m1);
    four_rounds(&abef, &cdgh, m3, 60);

    abef = _mm_add_epi32(abef, abef_before);
    cdgh = _mm_add_epi32(cdgh, cdgh_before);
  }

  // Back to A B C D | E F G H.
  const __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
  const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
  _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));
  _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

#else

int csha256_hardware_is_available(void) {
  return 0;
}

void csha256_hardware_compress(uint32_t state[8], const uint8_t *blocks, size_t block_count) {
  (void)state;
  (void)blocks;
  (void)block_count;
}

#endif
