/* ro-codec.h: turning messages into frames and back
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "ro-message.h"

G_BEGIN_DECLS

/* A frame is a 4-byte big-endian payload length followed by the payload. */
#define RO_FRAME_HEADER_SIZE        4
#define RO_DEFAULT_MAX_FRAME_SIZE   (16 * 1024 * 1024)

typedef struct _RoCodec RoCodec;

struct _RoCodec
{
  const char *name;
  /* Returns a whole frame: header and payload. Never fails for a message
   * that passes ro_message_validate(). */
  GBytes    *(*encode) (const RoMessage *message);
  /* Decodes one payload (without header) and validates the result with
   * ro_message_validate(); RO_ERROR_PROTOCOL on any problem. */
  RoMessage *(*decode) (const guint8    *payload,
                        gsize            length,
                        GError         **error);
};

const RoCodec *ro_codec_json     (void);
const RoCodec *ro_codec_gvariant (void);
/* The codecs this process offers in its hello, best first: every codec it
 * has, unless the environment variable RO_CODEC names one. */
const char * const *ro_codec_list_offered (void);
/* NULL if this build has no codec of that name. */
const RoCodec *ro_codec_lookup (const char *name);

G_END_DECLS
