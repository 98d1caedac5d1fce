/* ro-codec.c: finding a codec by the name peers agree on in the hello
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "ro-codec.h"

/**
 * ro_codec_lookup:
 * @name: a codec name, as listed in a hello message
 *
 * Finds the codec called @name. Names come from the peer, so anything
 * unknown (or %NULL) simply gives %NULL.
 *
 * Returns: (transfer none) (nullable): the codec, or %NULL if this build has
 *   none of that name
 */
const RoCodec *
ro_codec_lookup (const char *name)
{
  if (name == NULL)
    return NULL;

  if (strcmp (name, ro_codec_json ()->name) == 0)
    return ro_codec_json ();

  return NULL;
}
