/* ro-frame-buffer.c: cutting a received byte stream into frames
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * Bytes are read straight into the buffer (reserve, then commit), and whole
 * frames are handed out as pointers into it, so a frame is never copied.
 *
 * The buffer only grows when the reader asks for room, never because of a
 * length a peer announced: a peer that announces a huge frame and sends
 * little costs only what it actually sent. Consumed bytes are dropped by
 * moving the unconsumed tail to the front when room is next needed, and a
 * buffer left large by a big frame shrinks back once it is empty.
 */

#include "config.h"

#include <string.h>

#include "ro-glib.h"
#include "ro-codec.h"
#include "ro-frame-buffer.h"

#define MIN_ALLOCATION     4096
/* An empty buffer larger than this is given back to the allocator. */
#define SHRINK_THRESHOLD   (256 * 1024)

struct _RoFrameBuffer
{
  guint8 *data;
  gsize allocated;
  gsize start;        /* first byte not yet handed out by next() */
  gsize end;          /* first byte not yet committed */
  gsize max_frame_size;
};

RoFrameBuffer *
ro_frame_buffer_new (gsize max_frame_size)
{
  RoFrameBuffer *self;

  g_return_val_if_fail (max_frame_size > 0, NULL);

  self = g_new0 (RoFrameBuffer, 1);
  self->max_frame_size = max_frame_size;
  return self;
}

void
ro_frame_buffer_free (RoFrameBuffer *self)
{
  if (self == NULL)
    return;

  g_free (self->data);
  g_free (self);
}

void
ro_frame_buffer_set_max_frame_size (RoFrameBuffer *self,
                                    gsize          max_frame_size)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (max_frame_size > 0);

  self->max_frame_size = max_frame_size;
}

guint8 *
ro_frame_buffer_reserve (RoFrameBuffer *self,
                         gsize          min_size,
                         gsize         *available)
{
  gsize pending;

  g_return_val_if_fail (self != NULL, NULL);

  min_size = MAX (min_size, 1);
  pending = self->end - self->start;

  if (pending == 0 && self->allocated > SHRINK_THRESHOLD && min_size <= SHRINK_THRESHOLD)
    {
      g_clear_pointer (&self->data, g_free);
      self->allocated = 0;
      self->start = self->end = 0;
    }

  if (self->allocated - self->end < min_size)
    {
      if (min_size > G_MAXSIZE - pending)
        g_error ("Frame buffer of %" G_GSIZE_FORMAT " bytes cannot grow by %" G_GSIZE_FORMAT,
                 pending, min_size);

      if (self->allocated - pending >= min_size)
        {
          /* Dropping the consumed bytes makes enough room. */
          memmove (self->data, self->data + self->start, pending);
        }
      else
        {
          gsize needed = pending + min_size;
          gsize size = MAX (self->allocated, MIN_ALLOCATION);
          guint8 *data;

          while (size < needed)
            size = size <= G_MAXSIZE / 2 ? size * 2 : needed;

          /* Copies only the unconsumed bytes, where g_realloc() would copy
           * everything. */
          data = g_malloc (size);
          if (pending > 0)
            memcpy (data, self->data + self->start, pending);
          g_free (self->data);
          self->data = data;
          self->allocated = size;
        }

      self->start = 0;
      self->end = pending;
    }

  if (available != NULL)
    *available = self->allocated - self->end;
  return self->data + self->end;
}

void
ro_frame_buffer_commit (RoFrameBuffer *self,
                        gsize          n_read)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (n_read <= self->allocated - self->end);

  self->end += n_read;
}

gboolean
ro_frame_buffer_next (RoFrameBuffer  *self,
                      const guint8  **payload,
                      gsize          *length,
                      GError        **error)
{
  gsize pending;
  guint32 frame_size;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (payload != NULL, FALSE);
  g_return_val_if_fail (length != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pending = self->end - self->start;
  if (pending < RO_FRAME_HEADER_SIZE)
    return FALSE;

  memcpy (&frame_size, self->data + self->start, sizeof frame_size);
  frame_size = GUINT32_FROM_BE (frame_size);

  /* The header is left in place, so every later call fails the same way. */
  if (frame_size == 0)
    {
      g_set_error_literal (error, RO_ERROR, RO_ERROR_PROTOCOL,
                           "Received an empty frame");
      return FALSE;
    }
  if (frame_size > self->max_frame_size)
    {
      g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                   "Received a frame of %u bytes, larger than the maximum of %" G_GSIZE_FORMAT,
                   frame_size, self->max_frame_size);
      return FALSE;
    }

  if (pending - RO_FRAME_HEADER_SIZE < frame_size)
    return FALSE;

  *payload = self->data + self->start + RO_FRAME_HEADER_SIZE;
  *length = frame_size;
  self->start += RO_FRAME_HEADER_SIZE + (gsize) frame_size;

  /* Nothing left to keep: the next reserve() need not move anything. The
   * payload stays where it is until then. */
  if (self->start == self->end)
    self->start = self->end = 0;

  return TRUE;
}

gsize
ro_frame_buffer_get_pending (RoFrameBuffer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->end - self->start;
}
