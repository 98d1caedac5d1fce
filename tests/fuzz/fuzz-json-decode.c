/* fuzz-json-decode.c: the JSON codec's decoder on any payload
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * The input is one frame's payload (without the 4-byte header), checked as
 * ro_fuzz_decode() says. The same message has many JSON spellings, so the
 * input need not be the canonical one.
 */

#include "fuzz.h"

void
ro_fuzz_json_decode (const guint8 *data,
                     gsize         size)
{
  ro_fuzz_decode (ro_codec_json (), data, size, FALSE);
}

#ifdef RO_FUZZ_ENTRY_POINT
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  ro_fuzz_init ();
  ro_fuzz_json_decode (data, size);
  return 0;
}
#endif
