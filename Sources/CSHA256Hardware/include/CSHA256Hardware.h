// SHA-256 block compression with the x86-64 SHA extensions, for PioneerScreening's SHA256.
//
// Swift cannot reach the SHA intrinsics without compiling a whole module with -msha, which
// is an unsafe flag and breaks every other architecture; this C target confines the
// instructions to one function compiled for them, and says at run time whether the CPU has
// them. On other architectures it builds to a stub that always says no.
#ifndef CSHA256HARDWARE_H
#define CSHA256HARDWARE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when this CPU has the SHA extensions and SSE4.1, so that
/// `csha256_hardware_compress` may be called; 0 otherwise, and always 0 on other
/// architectures than x86-64.
int csha256_hardware_is_available(void);

/// Applies the SHA-256 compression function (FIPS 180-4 §6.2.2) to `block_count` 64-byte
/// blocks at `blocks` in turn, updating the intermediate hash value `state` (H0…H7 as native
/// integers). `blocks` need not be aligned.
///
/// Call it only after `csha256_hardware_is_available()` returned 1; elsewhere it leaves
/// `state` unchanged.
void csha256_hardware_compress(uint32_t state[8], const uint8_t *blocks, size_t block_count);

#ifdef __cplusplus
}
#endif

#endif
