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
  if (strcmp (name, ro_codec_gvariant ()->name) == 0)
    return ro_codec_gvariant ();

  return NULL;
}

const char * const *
ro_codec_list_offered (void)
{
  static const char * const all[] = { "gvariant", "json", NULL };
  static const char *chosen[2];
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      const char *forced = g_getenv ("RO_CODEC");

      if (forced != NULL && ro_codec_lookup (forced) != NULL)
        chosen[0] = ro_codec_lookup (forced)->name;
      g_once_init_leave (&initialized, 1);
    }
  return chosen[0] != NULL ? chosen : all;
}
