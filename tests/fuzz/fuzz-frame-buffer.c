/* fuzz-frame-buffer.c: a byte stream cut into frames, fed in chunks
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * The input is the maximum frame size, then records that say how the stream
 * arrives:
 *
 *   byte 0      index into max_frame_sizes[] (modulo its length)
 *   then        records of [n, hint, n bytes]:
 *                 n > 0: reserve room for MAX (n, size (hint)) bytes, write
 *                        the n bytes there (fewer if the input ends), commit
 *                        them, and take out every whole frame;
 *                 n = 0: set the maximum frame size to
 *                        max_frame_sizes[hint % length] and take out frames
 *               where size (hint) is hint below 128, else (hint - 127) * 4096,
 *               so that a reader may ask for up to 512 KiB at a time.
 *
 * Every answer of ro_frame_buffer_next() is checked against a plain model
 * of the stream: the same frames, byte for byte, the same "need more" and
 * the same errors, whatever the chunks and the buffer's moves and shrinks.
 */

#include <string.h>

#include "fuzz.h"
#include "ro-codec.h"
#include "ro-frame-buffer.h"

static const gsize max_frame_sizes[] = {
  1, 2, 4, 16, 100, 255, 256, 4096, 65536, 1 << 20,
  RO_DEFAULT_MAX_FRAME_SIZE, G_MAXUINT32, G_MAXSIZE,
};

static gsize
hint_size (guint8 hint)
{
  return hint < 128 ? hint : (gsize) (hint - 127) * 4096;
}

typedef struct
{
  GByteArray *stream;   /* everything committed so far */
  gsize consumed;       /* bytes of @stream handed out as frames */
  gsize max_frame_size;
} Model;

/* Takes out frames until the buffer needs more bytes or fails, checking
 * each answer against the model. */
static void
drain (RoFrameBuffer *buffer,
       Model         *model)
{
  for (;;)
    {
      gsize pending = model->stream->len - model->consumed;
      const guint8 *head;
      const guint8 *payload = NULL;
      gsize length = 0;
      guint32 frame_size = 0;
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_assert_cmpuint (ro_frame_buffer_get_pending (buffer), ==, pending);

      ok = ro_frame_buffer_next (buffer, &payload, &length, &error);

      if (pending < RO_FRAME_HEADER_SIZE)
        {
          g_assert_false (ok);
          g_assert_no_error (error);
          return;
        }

      head = model->stream->data + model->consumed;
      memcpy (&frame_size, head, sizeof frame_size);
      frame_size = GUINT32_FROM_BE (frame_size);

      if (frame_size == 0 || frame_size > model->max_frame_size)
        {
          g_assert_false (ok);
          ro_fuzz_assert_protocol_error (error);
          /* The stream is unusable; the header stays, and says so again. */
          g_assert_cmpuint (ro_frame_buffer_get_pending (buffer), ==, pending);
          return;
        }

      if (pending - RO_FRAME_HEADER_SIZE < frame_size)
        {
          g_assert_false (ok);
          g_assert_no_error (error);
          return;
        }

      g_assert_true (ok);
      g_assert_no_error (error);
      g_assert_cmpuint (length, ==, frame_size);
      g_assert_nonnull (payload);
      g_assert_true (memcmp (payload, head + RO_FRAME_HEADER_SIZE, length) == 0);
      model->consumed += RO_FRAME_HEADER_SIZE + length;
    }
}

void
ro_fuzz_frame_buffer (const guint8 *data,
                      gsize         size)
{
  g_autoptr(RoFrameBuffer) buffer = NULL;
  Model model = { 0, };
  gsize i = 1;

  if (size == 0)
    return;

  model.stream = g_byte_array_new ();
  model.max_frame_size = max_frame_sizes[data[0] % G_N_ELEMENTS (max_frame_sizes)];
  buffer = ro_frame_buffer_new (model.max_frame_size);

  while (i < size)
    {
      gsize n = data[i++];
      guint8 hint = i < size ? data[i++] : 0;

      if (n == 0)
        {
          model.max_frame_size = max_frame_sizes[hint % G_N_ELEMENTS (max_frame_sizes)];
          ro_frame_buffer_set_max_frame_size (buffer, model.max_frame_size);
        }
      else
        {
          gsize want = MAX (n, hint_size (hint));
          gsize available = 0;
          guint8 *space = ro_frame_buffer_reserve (buffer, want, &available);

          g_assert_nonnull (space);
          g_assert_cmpuint (available, >=, want);
          /* All the room must be writable, not just what we use: its
           * ends are enough for ASan to see an allocation too small. */
          space[0] = 0xa5;
          space[available - 1] = 0xa5;

          n = MIN (n, size - i);
          memcpy (space, data + i, n);
          ro_frame_buffer_commit (buffer, n);
          g_byte_array_append (model.stream, data + i, n);
          i += n;
        }

      drain (buffer, &model);
    }

  g_byte_array_unref (model.stream);
}

/* A stream delivered in chunks of @chunk_size bytes (1 to 255), with a
 * varied reserve hint. */
GBytes *
ro_fuzz_frame_buffer_input (const guint8 *stream,
                            gsize         stream_size,
                            guint8        max_frame_size_index,
                            gsize         chunk_size)
{
  GByteArray *input = g_byte_array_new ();
  guint record = 0;

  g_return_val_if_fail (chunk_size > 0 && chunk_size <= 255, NULL);

  g_byte_array_append (input, &max_frame_size_index, 1);
  for (gsize offset = 0; offset < stream_size; offset += chunk_size, record++)
    {
      guint8 header[2];
      gsize n = MIN (chunk_size, stream_size - offset);

      header[0] = (guint8) n;
      header[1] = record % 5 == 4 ? 0x81 : (guint8) (record * 7 % 64);
      g_byte_array_append (input, header, sizeof header);
      g_byte_array_append (input, stream + offset, n);
    }

  return g_byte_array_free_to_bytes (input);
}

#ifdef RO_FUZZ_ENTRY_POINT
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  ro_fuzz_init ();
  ro_fuzz_frame_buffer (data, size);
  return 0;
}
#endif
