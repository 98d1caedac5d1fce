/* ro-frame-buffer.h: cutting a byte stream into frames
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RoFrameBuffer RoFrameBuffer;

RoFrameBuffer *ro_frame_buffer_new     (gsize           max_frame_size);
void           ro_frame_buffer_free    (RoFrameBuffer  *self);
void           ro_frame_buffer_set_max_frame_size (RoFrameBuffer *self,
                                                   gsize          max_frame_size);
/* Space to read at least @min_size bytes into; commit what was read. */
guint8        *ro_frame_buffer_reserve (RoFrameBuffer  *self,
                                        gsize           min_size,
                                        gsize          *available);
void           ro_frame_buffer_commit  (RoFrameBuffer  *self,
                                        gsize           n_read);
/* TRUE with the next whole frame's payload (valid until the next call of
 * any ro_frame_buffer function); FALSE without error when more bytes are
 * needed; FALSE with RO_ERROR_PROTOCOL for an empty frame or one larger
 * than the maximum (the stream is then unusable). */
gboolean       ro_frame_buffer_next    (RoFrameBuffer  *self,
                                        const guint8  **payload,
                                        gsize          *length,
                                        GError        **error);
gsize          ro_frame_buffer_get_pending (RoFrameBuffer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoFrameBuffer, ro_frame_buffer_free)

G_END_DECLS
