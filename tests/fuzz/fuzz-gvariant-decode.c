/* fuzz-gvariant-decode.c: the binary (GVariant) codec's decoder on any payload
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * The input is one frame's payload (without the 4-byte header), checked as
 * ro_fuzz_decode() says. The codec takes only normal-form GVariants, so a
 * payload it accepts must be exactly what it encodes the message to.
 *
 * The codec is looked up by name, so that this file builds (and does
 * nothing) in a tree that does not have it.
 */

#include "fuzz.h"

void
ro_fuzz_gvariant_decode (const guint8 *data,
                         gsize         size)
{
  const RoCodec *codec = ro_codec_lookup ("gvariant");

  if (codec != NULL)
    ro_fuzz_decode (codec, data, size, TRUE);
}

#ifdef RO_FUZZ_ENTRY_POINT
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  ro_fuzz_init ();
  ro_fuzz_gvariant_decode (data, size);
  return 0;
}
#endif
