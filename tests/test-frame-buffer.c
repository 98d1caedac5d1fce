/* test-frame-buffer.c: cutting a byte stream into frames
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <ro-glib/ro-glib.h>

#include "ro-codec.h"
#include "ro-frame-buffer.h"

static void
append_frame (GByteArray *stream,
              const void *payload,
              guint32     length)
{
  guint32 header = GUINT32_TO_BE (length);

  g_byte_array_append (stream, (const guint8 *) &header, sizeof header);
  g_byte_array_append (stream, payload, length);
}

static void
append_header (GByteArray *stream,
               guint32     length)
{
  guint32 header = GUINT32_TO_BE (length);

  g_byte_array_append (stream, (const guint8 *) &header, sizeof header);
}

/* A stream of frames of varied sizes, and their payloads. */
static GByteArray *
make_stream (GPtrArray **payloads)
{
  GByteArray *stream = g_byte_array_new ();

  *payloads = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint i = 0; i < 40; i++)
    {
      gsize size = i == 0 ? 1 : i == 1 ? 70000 : (i * 37) % 300 + 1;
      guint8 *data = g_malloc (size);

      for (gsize j = 0; j < size; j++)
        data[j] = (guint8) (i + j * 13);
      append_frame (stream, data, (guint32) size);
      g_ptr_array_add (*payloads, g_bytes_new_take (data, size));
    }

  return stream;
}

/* Writes @stream into @buffer @chunk bytes at a time (0: random chunks),
 * taking frames out after each commit, and checks they are @payloads. */
static void
feed (RoFrameBuffer *buffer,
      GByteArray    *stream,
      GPtrArray     *payloads,
      gsize          chunk)
{
  gsize offset = 0;
  guint n_frames = 0;

  while (offset < stream->len)
    {
      gsize n = chunk != 0 ? chunk : (gsize) g_test_rand_int_range (1, 5000);
      gsize available;
      guint8 *space = ro_frame_buffer_reserve (buffer, n, &available);
      const guint8 *payload;
      gsize length;
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (space);
      g_assert_cmpuint (available, >=, n);
      n = MIN (n, stream->len - offset);
      memcpy (space, stream->data + offset, n);
      ro_frame_buffer_commit (buffer, n);
      offset += n;

      while (ro_frame_buffer_next (buffer, &payload, &length, &error))
        {
          GBytes *expected;

          g_assert_cmpuint (n_frames, <, payloads->len);
          expected = g_ptr_array_index (payloads, n_frames);
          g_assert_cmpmem (payload, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
          n_frames++;
        }
      g_assert_no_error (error);
    }

  g_assert_cmpuint (n_frames, ==, payloads->len);
  g_assert_cmpuint (ro_frame_buffer_get_pending (buffer), ==, 0);
}

static void
test_byte_by_byte (void)
{
  g_autoptr(GPtrArray) payloads = NULL;
  g_autoptr(GByteArray) stream = make_stream (&payloads);
  g_autoptr(RoFrameBuffer) buffer = ro_frame_buffer_new (RO_DEFAULT_MAX_FRAME_SIZE);

  feed (buffer, stream, payloads, 1);
}

static void
test_chunks (void)
{
  const gsize chunks[] = { 2, 3, 4, 5, 7, 64, 4096, 65536, 1 << 20, 0, 0, 0 };

  for (gsize i = 0; i < G_N_ELEMENTS (chunks); i++)
    {
      g_autoptr(GPtrArray) payloads = NULL;
      g_autoptr(GByteArray) stream = make_stream (&payloads);
      g_autoptr(RoFrameBuffer) buffer = ro_frame_buffer_new (RO_DEFAULT_MAX_FRAME_SIZE);

      feed (buffer, stream, payloads, chunks[i]);
      /* The same buffer again, once emptied. */
      feed (buffer, stream, payloads, chunks[i]);
    }
}

static void
test_several_in_one_commit (void)
{
  g_autoptr(RoFrameBuffer) buffer = ro_frame_buffer_new (RO_DEFAULT_MAX_FRAME_SIZE);
  g_autoptr(GByteArray) stream = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  const guint8 *payload;
  gsize length;
  guint8 *space;

  append_frame (stream, "one", 3);
  append_frame (stream, "two!", 4);
  append_frame (stream, "x", 1);
  /* and the first half of a fourth */
  append_header (stream, 6);
  g_byte_array_append (stream, (const guint8 *) "fou", 3);

  g_assert_cmpuint (ro_frame_buffer_get_pending (buffer), ==, 0);
  g_assert_false (ro_frame_buffer_next (buffer, &payload, &length, &error));
  g_assert_no_error (error);

  space = ro_frame_buffer_reserve (buffer, stream->len, NULL);
  memcpy (space, stream->data, stream->len);
  ro_frame_buffer_commit (buffer, stream->len);
  g_assert_cmpuint (ro_frame_buffer_get_pending (buffer), ==, stream->len);

  g_assert_true (ro_frame_buffer_next (buffer, &payload, &length, &error));
  g_assert_cmpmem (payload, length, "one", 3);
  g_assert_cmpuint (ro_frame_buffer_get_pending (buffer), ==, stream->len - 7);
  g_assert_true (ro_frame_buffer_next (buffer, &payload, &length, &error));
  g_assert_cmpmem (payload, length, "two!", 4);
  g_assert_true (ro_frame_buffer_next (buffer, &payload, &length, &error));
  g_assert_cmpmem (payload, length, "x", 1);
  g_assert_false (ro_frame_buffer_next (buffer, &payload, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ro_frame_buffer_get_pending (buffer), ==, 7);

  /* The rest of it arrives. */
  space = ro_frame_buffer_reserve (buffer, 3, NULL);
  memcpy (space, "rth", 3);
  ro_frame_buffer_commit (buffer, 3);
  g_assert_true (ro_frame_buffer_next (buffer, &payload, &length, &error));
  g_assert_cmpmem (payload, length, "fourth", 6);
  g_assert_cmpuint (ro_frame_buffer_get_pending (buffer), ==, 0);
  g_assert_false (ro_frame_buffer_next (buffer, &payload, &length, &error));
  g_assert_no_error (error);
}

/* Encoded messages go through as they are. */
static void
test_codec_frames (void)
{
  g_autoptr(RoFrameBuffer) buffer = ro_frame_buffer_new (RO_DEFAULT_MAX_FRAME_SIZE);
  const RoCodec *codec = ro_codec_json ();

  for (guint32 serial = 1; serial <= 3; serial++)
    {
      g_autoptr(RoMessage) message = ro_message_new (RO_MESSAGE_PING);
      g_autoptr(GBytes) frame = NULL;
      g_autoptr(RoMessage) back = NULL;
      g_autoptr(GError) error = NULL;
      const guint8 *payload;
      gsize length, size;
      const guint8 *data;
      guint8 *space;

      message->serial = serial;
      frame = codec->encode (message);
      data = g_bytes_get_data (frame, &size);
      space = ro_frame_buffer_reserve (buffer, size, NULL);
      memcpy (space, data, size);
      ro_frame_buffer_commit (buffer, size);

      g_assert_true (ro_frame_buffer_next (buffer, &payload, &length, &error));
      back = codec->decode (payload, length, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (back->serial, ==, serial);
    }
}

static void
assert_bad_header (gsize       max_frame_size,
                   guint32     announced,
                   const char *message_part)
{
  g_autoptr(RoFrameBuffer) buffer = ro_frame_buffer_new (max_frame_size);
  g_autoptr(GByteArray) stream = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  const guint8 *payload = NULL;
  gsize length = 0;
  guint8 *space;

  append_header (stream, announced);
  g_byte_array_append (stream, (const guint8 *) "0123456789", 10);

  /* Nothing is said before the header is whole. */
  space = ro_frame_buffer_reserve (buffer, 3, NULL);
  memcpy (space, stream->data, 3);
  ro_frame_buffer_commit (buffer, 3);
  g_assert_false (ro_frame_buffer_next (buffer, &payload, &length, &error));
  g_assert_no_error (error);

  space = ro_frame_buffer_reserve (buffer, stream->len - 3, NULL);
  memcpy (space, stream->data + 3, stream->len - 3);
  ro_frame_buffer_commit (buffer, stream->len - 3);

  g_assert_false (ro_frame_buffer_next (buffer, &payload, &length, &error));
  g_assert_error (error, RO_ERROR, RO_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, message_part));
  g_assert_null (payload);

  /* And the stream stays broken. */
  g_clear_error (&error);
  g_assert_false (ro_frame_buffer_next (buffer, &payload, &length, &error));
  g_assert_error (error, RO_ERROR, RO_ERROR_PROTOCOL);
}

static void
test_refused_lengths (void)
{
  assert_bad_header (RO_DEFAULT_MAX_FRAME_SIZE, 0, "empty");
  assert_bad_header (RO_DEFAULT_MAX_FRAME_SIZE, G_MAXUINT32, "4294967295");
  assert_bad_header (RO_DEFAULT_MAX_FRAME_SIZE, RO_DEFAULT_MAX_FRAME_SIZE + 1, "16777217");
  assert_bad_header (G_MAXSIZE, 0, "empty");
  assert_bad_header (100, 101, "101");
}

static void
test_max_frame_size (void)
{
  g_autoptr(RoFrameBuffer) buffer = ro_frame_buffer_new (8);
  g_autoptr(GByteArray) stream = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  const guint8 *payload;
  gsize length;
  guint8 *space;

  /* Exactly the maximum is fine. */
  append_frame (stream, "12345678", 8);
  append_frame (stream, "123456789", 9);
  space = ro_frame_buffer_reserve (buffer, stream->len, NULL);
  memcpy (space, stream->data, stream->len);
  ro_frame_buffer_commit (buffer, stream->len);

  g_assert_true (ro_frame_buffer_next (buffer, &payload, &length, &error));
  g_assert_cmpmem (payload, length, "12345678", 8);
  g_assert_false (ro_frame_buffer_next (buffer, &payload, &length, &error));
  g_assert_error (error, RO_ERROR, RO_ERROR_PROTOCOL);
  g_clear_error (&error);

  /* Raising the maximum lets it through. */
  ro_frame_buffer_set_max_frame_size (buffer, 9);
  g_assert_true (ro_frame_buffer_next (buffer, &payload, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (payload, length, "123456789", 9);
}

/* A peer that announces a big frame and sends little costs little. */
static void
test_no_allocation_ahead (void)
{
  g_autoptr(RoFrameBuffer) buffer = ro_frame_buffer_new (RO_DEFAULT_MAX_FRAME_SIZE);
  g_autoptr(GByteArray) stream = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  const guint8 *payload;
  gsize length;
  gsize available;
  guint8 *space;

  append_header (stream, RO_DEFAULT_MAX_FRAME_SIZE);
  g_byte_array_append (stream, (const guint8 *) "0123456789", 10);

  space = ro_frame_buffer_reserve (buffer, 4096, &available);
  memcpy (space, stream->data, stream->len);
  ro_frame_buffer_commit (buffer, stream->len);
  g_assert_false (ro_frame_buffer_next (buffer, &payload, &length, &error));
  g_assert_no_error (error);

  /* What the buffer holds shows in how much room it offers. */
  ro_frame_buffer_reserve (buffer, 4096, &available);
  g_assert_cmpuint (available + ro_frame_buffer_get_pending (buffer), <, 64 * 1024);
  g_assert_cmpuint (ro_frame_buffer_get_pending (buffer), ==, 14);
}

/* A big frame makes the buffer big; it shrinks again once emptied. */
static void
test_grow_and_shrink (void)
{
  g_autoptr(RoFrameBuffer) buffer = ro_frame_buffer_new (RO_DEFAULT_MAX_FRAME_SIZE);
  g_autoptr(GError) error = NULL;
  const gsize big = 4 * 1024 * 1024;
  g_autofree guint8 *data = g_malloc (big);
  const guint8 *payload;
  gsize length;
  gsize available;
  gsize offset = 0;
  guint32 header = GUINT32_TO_BE ((guint32) big);
  guint8 *space;

  for (gsize i = 0; i < big; i++)
    data[i] = (guint8) (i ^ (i >> 8));

  space = ro_frame_buffer_reserve (buffer, 4, NULL);
  memcpy (space, &header, 4);
  ro_frame_buffer_commit (buffer, 4);

  while (offset < big)
    {
      gsize n;

      g_assert_false (ro_frame_buffer_next (buffer, &payload, &length, &error));
      g_assert_no_error (error);

      space = ro_frame_buffer_reserve (buffer, 65536, &available);
      n = MIN (available, big - offset);
      memcpy (space, data + offset, n);
      ro_frame_buffer_commit (buffer, n);
      offset += n;
    }

  g_assert_true (ro_frame_buffer_next (buffer, &payload, &length, &error));
  g_assert_cmpmem (payload, length, data, big);

  ro_frame_buffer_reserve (buffer, 4096, &available);
  g_assert_cmpuint (available, <, 1024 * 1024);
}

/* reserve() may move what is pending; what was committed stays intact. */
static void
test_compaction (void)
{
  g_autoptr(RoFrameBuffer) buffer = ro_frame_buffer_new (RO_DEFAULT_MAX_FRAME_SIZE);
  g_autoptr(GError) error = NULL;
  const guint8 *payload;
  gsize length;
  gsize available;
  guint8 *space;
  guint32 header;

  /* Fills most of the first allocation with one frame and part of the next. */
  space = ro_frame_buffer_reserve (buffer, 1, &available);
  g_assert_cmpuint (available, >=, 64);
  header = GUINT32_TO_BE ((guint32) (available - 4 - 10));
  memcpy (space, &header, 4);
  memset (space + 4, 'a', available - 4 - 10);
  header = GUINT32_TO_BE (20);
  memcpy (space + available - 10, &header, 4);
  memcpy (space + available - 6, "012345", 6);
  ro_frame_buffer_commit (buffer, available);

  g_assert_true (ro_frame_buffer_next (buffer, &payload, &length, &error));
  g_assert_cmpuint (length, ==, available - 14);
  g_assert_false (ro_frame_buffer_next (buffer, &payload, &length, &error));
  g_assert_no_error (error);

  space = ro_frame_buffer_reserve (buffer, 14, NULL);
  memcpy (space, "6789abcdefghij", 14);
  ro_frame_buffer_commit (buffer, 14);
  g_assert_true (ro_frame_buffer_next (buffer, &payload, &length, &error));
  g_assert_cmpmem (payload, length, "0123456789abcdefghij", 20);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Cutting a received byte stream into frames");

  g_test_add_func ("/Ro/FrameBuffer/byte-by-byte", test_byte_by_byte);
  g_test_add_func ("/Ro/FrameBuffer/chunks", test_chunks);
  g_test_add_func ("/Ro/FrameBuffer/several-in-one-commit", test_several_in_one_commit);
  g_test_add_func ("/Ro/FrameBuffer/codec-frames", test_codec_frames);
  g_test_add_func ("/Ro/FrameBuffer/refused-lengths", test_refused_lengths);
  g_test_add_func ("/Ro/FrameBuffer/max-frame-size", test_max_frame_size);
  g_test_add_func ("/Ro/FrameBuffer/no-allocation-ahead", test_no_allocation_ahead);
  g_test_add_func ("/Ro/FrameBuffer/grow-and-shrink", test_grow_and_shrink);
  g_test_add_func ("/Ro/FrameBuffer/compaction", test_compaction);

  return g_test_run ();
}
