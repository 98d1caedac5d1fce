/* ro-connection.c: one peer connection speaking the ro-glib protocol
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * A connection owns a pollable GIOStream. It exchanges the hello frames,
 * picks the codec, cuts incoming bytes into frames, decodes them into a
 * queue and hands them to its owner in order; outgoing frames are queued and
 * written together, once per main loop iteration, with one writev.
 *
 * Every source it uses (read, write, flush, heartbeat) lives on one context
 * at a time and can be moved to another: a blocking wait moves the
 * connections it waits on to a private context, so that nothing else of the
 * caller's context runs meanwhile.
 */

#include "config.h"

#include <string.h>

#include "ro-connection.h"
#include "ro-frame-buffer.h"

#define READ_CHUNK          (64 * 1024)
#define MAX_READ_PER_WAKEUP (1024 * 1024)
#define MAX_IOV             64
#define SMALL_FRAME         4096
#define CHUNK_SIZE          (64 * 1024)

typedef struct
{
  RoMessage *message;
  gboolean applied;
} Incoming;

struct _RoConnection
{
  GObject parent_instance;

  GIOStream *stream;
  GPollableInputStream *input;
  GPollableOutputStream *output;
  gboolean is_server;
  char *peer_description;
  char *token;
  char *peer_token;
  RoConnection *local_peer;  /* weak: the server end of a socketpair */

  RoConnectionHandlers handlers;
  gpointer user_data;

  GMainContext *home_context;
  GMainContext *context;
  GSource *read_source;
  GSource *write_source;
  GSource *flush_source;
  GSource *dispatch_source;
  GSource *heartbeat_source;

  RoFrameBuffer *in;
  GQueue incoming;
  gboolean dispatching;
  RoConnectionPeekFunc peek;
  gpointer peek_data;

  GQueue outgoing;        /* GBytes: frames, or chunks of small ones */
  GByteArray *open_chunk; /* small frames queued after those, not yet a GBytes */
  gsize outgoing_offset;  /* bytes of the head frame already written */
  gsize outgoing_bytes;
  gsize low_mark;
  gsize high_mark;
  gboolean behind;
  GQueue early;           /* RoMessage sent before the handshake */

  const RoCodec *codec;
  GPtrArray *hello_items; /* GVariant {sv}: keys the other layers add */
  GVariant *peer_hello;   /* a{sv}, once received */
  gboolean hello_sent;
  gboolean ready;
  gboolean closed;

  guint heartbeat_interval;
  gint64 last_received;
  gint64 last_ping;
  guint32 ping_serial;
};

G_DEFINE_FINAL_TYPE (RoConnection, ro_connection, G_TYPE_OBJECT)

/* Server-side connections of this process, by the token their peer sent:
 * lets a blocking client find the host it would otherwise wait for. */
G_LOCK_DEFINE_STATIC (local_peers);
static GHashTable *local_peers;

static void attach_sources (RoConnection *self);

/* A source we hold: removed from its context and our reference dropped. */
static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}
static void detach_sources (RoConnection *self);
static void attach_read_source (RoConnection *self);
static void dispatch_incoming (RoConnection *self);

static void
incoming_free (Incoming *in)
{
  ro_message_free (in->message);
  g_free (in);
}

static void
unregister_local_peer (RoConnection *self)
{
  if (self->is_server && self->peer_token != NULL)
    {
      G_LOCK (local_peers);
      if (local_peers != NULL && g_hash_table_lookup (local_peers, self->peer_token) == self)
        g_hash_table_remove (local_peers, self->peer_token);
      G_UNLOCK (local_peers);
    }
}

static void
ro_connection_dispose (GObject *object)
{
  RoConnection *self = RO_CONNECTION (object);

  ro_connection_clear_handlers (self);
  ro_connection_close (self, NULL);
  g_clear_weak_pointer (&self->local_peer);

  G_OBJECT_CLASS (ro_connection_parent_class)->dispose (object);
}

static void
ro_connection_finalize (GObject *object)
{
  RoConnection *self = RO_CONNECTION (object);

  g_queue_clear_full (&self->incoming, (GDestroyNotify) incoming_free);
  g_queue_clear_full (&self->outgoing, (GDestroyNotify) g_bytes_unref);
  g_clear_pointer (&self->open_chunk, g_byte_array_unref);
  g_queue_clear_full (&self->early, (GDestroyNotify) ro_message_free);
  g_clear_pointer (&self->hello_items, g_ptr_array_unref);
  g_clear_pointer (&self->peer_hello, g_variant_unref);
  g_clear_pointer (&self->in, ro_frame_buffer_free);
  g_clear_object (&self->stream);
  g_clear_pointer (&self->home_context, g_main_context_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->peer_description);
  g_free (self->token);
  g_free (self->peer_token);

  G_OBJECT_CLASS (ro_connection_parent_class)->finalize (object);
}

static void
ro_connection_class_init (RoConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ro_connection_dispose;
  object_class->finalize = ro_connection_finalize;
}

static void
ro_connection_init (RoConnection *self)
{
  g_queue_init (&self->incoming);
  g_queue_init (&self->outgoing);
  g_queue_init (&self->early);
  self->in = ro_frame_buffer_new (RO_DEFAULT_MAX_FRAME_SIZE);
  self->codec = ro_codec_json ();
  self->low_mark = G_MAXSIZE;
  self->high_mark = G_MAXSIZE;
}

static char *
describe_peer (GIOStream *stream)
{
  GSocket *socket;
  g_autoptr(GSocketAddress) address = NULL;

  if (!G_IS_SOCKET_CONNECTION (stream))
    return g_strdup_printf ("%s stream", G_OBJECT_TYPE_NAME (stream));

  socket = g_socket_connection_get_socket (G_SOCKET_CONNECTION (stream));
  address = g_socket_get_remote_address (socket, NULL);

  if (G_IS_INET_SOCKET_ADDRESS (address))
    {
      g_autofree char *ip = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)));

      return g_strdup_printf ("%s:%u", ip, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
    }

  if (g_socket_get_family (socket) == G_SOCKET_FAMILY_UNIX)
    {
      g_autoptr(GCredentials) creds = g_socket_get_credentials (socket, NULL);

      if (creds != NULL)
        return g_strdup_printf ("unix peer pid %d uid %u",
                                (int) g_credentials_get_unix_pid (creds, NULL),
                                (guint) g_credentials_get_unix_user (creds, NULL));
      return g_strdup ("unix peer");
    }

  return g_strdup ("socket peer");
}

RoConnection *
ro_connection_new (GIOStream                  *stream,
                   gboolean                    is_server,
                   const RoConnectionHandlers *handlers,
                   gpointer                    user_data,
                   GError                    **error)
{
  g_autoptr(RoConnection) self = NULL;
  GInputStream *input;
  GOutputStream *output;

  g_return_val_if_fail (G_IS_IO_STREAM (stream), NULL);

  input = g_io_stream_get_input_stream (stream);
  output = g_io_stream_get_output_stream (stream);
  if (!G_IS_POLLABLE_INPUT_STREAM (input) ||
      !g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (input)) ||
      !G_IS_POLLABLE_OUTPUT_STREAM (output) ||
      !g_pollable_output_stream_can_poll (G_POLLABLE_OUTPUT_STREAM (output)))
    {
      g_set_error (error, RO_ERROR, RO_ERROR_FAILED,
                   "A %s cannot be used: its input and output streams must be pollable",
                   G_OBJECT_TYPE_NAME (stream));
      return NULL;
    }

  self = g_object_new (RO_TYPE_CONNECTION, NULL);
  self->stream = g_object_ref (stream);
  self->input = G_POLLABLE_INPUT_STREAM (input);
  self->output = G_POLLABLE_OUTPUT_STREAM (output);
  self->is_server = !!is_server;
  self->handlers = *handlers;
  self->user_data = user_data;
  self->peer_description = describe_peer (stream);
  self->token = g_uuid_string_random ();
  self->home_context = g_main_context_ref_thread_default ();
  self->context = g_main_context_ref (self->home_context);
  return g_steal_pointer (&self);
}

const char *
ro_connection_get_peer_description (RoConnection *self)
{
  return self->peer_description;
}

GIOStream *
ro_connection_get_stream (RoConnection *self)
{
  return self->stream;
}

GMainContext *
ro_connection_get_context (RoConnection *self)
{
  return self->home_context;
}

gboolean
ro_connection_is_ready (RoConnection *self)
{
  return self->ready && !self->closed;
}

gboolean
ro_connection_is_closed (RoConnection *self)
{
  return self->closed;
}

const RoCodec *
ro_connection_get_codec (RoConnection *self)
{
  return self->codec;
}

gsize
ro_connection_get_queued_bytes (RoConnection *self)
{
  return self->outgoing_bytes;
}

gboolean
ro_connection_is_behind (RoConnection *self)
{
  return self->behind;
}

void
ro_connection_set_marks (RoConnection *self,
                         gsize         low,
                         gsize         high)
{
  self->low_mark = low;
  self->high_mark = high;
}

void
ro_connection_set_max_frame_size (RoConnection *self,
                                  gsize         max_frame_size)
{
  ro_frame_buffer_set_max_frame_size (self->in, max_frame_size);
}

void
ro_connection_clear_handlers (RoConnection *self)
{
  memset (&self->handlers, 0, sizeof self->handlers);
  self->user_data = NULL;
}

void
ro_connection_close (RoConnection *self,
                     const GError *error)
{
  RoConnectionClosedFunc closed;

  if (self->closed)
    return;

  self->closed = TRUE;
  self->ready = FALSE;
  detach_sources (self);
  unregister_local_peer (self);
  g_queue_clear_full (&self->outgoing, (GDestroyNotify) g_bytes_unref);
  g_clear_pointer (&self->open_chunk, g_byte_array_unref);
  self->outgoing_bytes = 0;
  g_queue_clear_full (&self->early, (GDestroyNotify) ro_message_free);
  /* Sockets close at once; the async close only matters for TLS. */
  g_io_stream_close_async (self->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);

  if (error != NULL)
    g_debug ("Connection to %s closed: %s", self->peer_description, error->message);

  closed = self->handlers.closed;
  if (closed != NULL)
    {
      g_autoptr(RoConnection) keep G_GNUC_UNUSED = g_object_ref (self);

      self->handlers.closed = NULL;
      closed (self, error, self->user_data);
    }
}

static void
fail (RoConnection *self,
      int           code,
      const char   *format,
      ...) G_GNUC_PRINTF (3, 4);

static void
fail (RoConnection *self,
      int           code,
      const char   *format,
      ...)
{
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (RO_ERROR, code, format, args);
  va_end (args);
  ro_connection_close (self, error);
}

/* Writing */

static gboolean write_ready_cb (GObject *stream, gpointer data);

static void
close_chunk (RoConnection *self)
{
  if (self->open_chunk != NULL)
    g_queue_push_tail (&self->outgoing, g_byte_array_free_to_bytes (g_steal_pointer (&self->open_chunk)));
}

static gboolean
flush (RoConnection *self)
{
  close_chunk (self);
  while (!g_queue_is_empty (&self->outgoing) && !self->closed)
    {
      GOutputVector vectors[MAX_IOV];
      gsize n = 0, written = 0;
      g_autoptr(GError) error = NULL;
      GPollableReturn ret;

      for (GList *l = self->outgoing.head; l != NULL && n < MAX_IOV; l = l->next, n++)
        {
          gsize size;
          const guint8 *data = g_bytes_get_data (l->data, &size);

          vectors[n].buffer = n == 0 ? data + self->outgoing_offset : data;
          vectors[n].size = n == 0 ? size - self->outgoing_offset : size;
        }

      ret = g_pollable_output_stream_writev_nonblocking (self->output, vectors, n, &written, NULL, &error);
      if (ret == G_POLLABLE_RETURN_WOULD_BLOCK)
        return FALSE;
      if (ret == G_POLLABLE_RETURN_FAILED)
        {
          fail (self, RO_ERROR_DISCONNECTED, "Writing to %s failed: %s",
                self->peer_description, error->message);
          return TRUE;
        }

      self->outgoing_bytes -= written;
      /* Taking our bytes is a sign of life while we do not read. */
      if (self->behind && written > 0)
        self->last_received = g_get_monotonic_time ();
      while (written > 0)
        {
          GBytes *head = g_queue_peek_head (&self->outgoing);
          gsize left = g_bytes_get_size (head) - self->outgoing_offset;

          if (written < left)
            {
              self->outgoing_offset += written;
              break;
            }
          written -= left;
          self->outgoing_offset = 0;
          g_bytes_unref (g_queue_pop_head (&self->outgoing));
        }

      if (self->behind && self->outgoing_bytes <= self->low_mark)
        {
          self->behind = FALSE;
          attach_read_source (self);
          ro_connection_schedule_dispatch (self);
          if (self->handlers.drained != NULL)
            self->handlers.drained (self, self->user_data);
        }
    }

  return TRUE;
}

static void
schedule_write (RoConnection *self)
{
  if (self->write_source != NULL || self->closed)
    return;

  self->write_source = g_pollable_output_stream_create_source (self->output, NULL);
  g_source_set_callback (self->write_source, (GSourceFunc) (GCallback) write_ready_cb, self, NULL);
  g_source_set_static_name (self->write_source, "[ro] connection write");
  g_source_attach (self->write_source, self->context);
}

static gboolean
write_ready_cb (GObject  *stream,
                gpointer  data)
{
  RoConnection *self = data;

  clear_source (&self->write_source);
  if (!flush (self))
    schedule_write (self);
  return G_SOURCE_REMOVE;
}

static void
flush_now (RoConnection *self)
{
  clear_source (&self->flush_source);
  if (self->write_source == NULL && !flush (self))
    schedule_write (self);
}

static gboolean
flush_cb (gpointer data)
{
  flush_now (data);
  return G_SOURCE_REMOVE;
}

/* Frames queued during one iteration go out together: the flush runs at
 * the end of it, after every other default-priority source. */
static void
schedule_flush (RoConnection *self)
{
  if (self->flush_source != NULL || self->write_source != NULL || self->closed)
    return;

  self->flush_source = g_idle_source_new ();
  g_source_set_priority (self->flush_source, G_PRIORITY_DEFAULT);
  g_source_set_callback (self->flush_source, flush_cb, self, NULL);
  g_source_set_static_name (self->flush_source, "[ro] connection flush");
  g_source_attach (self->flush_source, self->context);
}

static void
queue_frame (RoConnection *self,
             GBytes       *frame)
{
  if (self->closed)
    {
      g_bytes_unref (frame);
      return;
    }

  self->outgoing_bytes += g_bytes_get_size (frame);
  /* A peer that does not read what it asks for must not make us queue
   * more: we stop reading and handling its messages until it catches up. */
  if (self->outgoing_bytes > self->high_mark)
    {
      self->behind = TRUE;
      clear_source (&self->read_source);
    }

  /* Small frames are copied together into chunks: a frame of its own
   * costs a GBytes and a queue link, doubling the memory a backlog of
   * signals takes. */
  if (g_bytes_get_size (frame) <= SMALL_FRAME)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (frame, &size);

      if (self->open_chunk == NULL)
        self->open_chunk = g_byte_array_sized_new (SMALL_FRAME);
      g_byte_array_append (self->open_chunk, data, size);
      g_bytes_unref (frame);
      if (self->open_chunk->len >= CHUNK_SIZE)
        close_chunk (self);
    }
  else
    {
      close_chunk (self);
      g_queue_push_tail (&self->outgoing, frame);
    }
  schedule_flush (self);
}

void
ro_connection_send_frame (RoConnection *self,
                          GBytes       *frame)
{
  g_return_if_fail (self->ready || self->closed);

  queue_frame (self, g_bytes_ref (frame));
}

void
ro_connection_send_take (RoConnection *self,
                         RoMessage    *message)
{
  if (self->closed)
    {
      ro_message_free (message);
      return;
    }
  if (!self->ready)
    {
      g_queue_push_tail (&self->early, message);
      return;
    }

  queue_frame (self, self->codec->encode (message));
  ro_message_free (message);
}

void
ro_connection_send (RoConnection    *self,
                    const RoMessage *message)
{
  if (self->closed)
    return;
  if (!self->ready)
    {
      RoMessage *copy = ro_message_new (message->type);

      copy->serial = message->serial;
      copy->name = g_strdup (message->name);
      copy->member = g_strdup (message->member);
      copy->body = message->body != NULL ? g_variant_ref (message->body) : NULL;
      g_queue_push_tail (&self->early, copy);
      return;
    }

  queue_frame (self, self->codec->encode (message));
}

/* Handshake */

static void
send_hello (RoConnection *self)
{
  RoMessage *hello = ro_message_new (RO_MESSAGE_HELLO);
  GVariantBuilder b;
  const char * const *codecs = ro_codec_list_offered ();

  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&b, "{sv}", "protocol", g_variant_new_string (RO_PROTOCOL_NAME));
  g_variant_builder_add (&b, "{sv}", "version", g_variant_new_uint32 (RO_PROTOCOL_VERSION));
  g_variant_builder_add (&b, "{sv}", "codecs", g_variant_new_strv (codecs, -1));
  g_variant_builder_add (&b, "{sv}", "token", g_variant_new_string (self->token));
  for (guint i = 0; self->hello_items != NULL && i < self->hello_items->len; i++)
    g_variant_builder_add_value (&b, g_ptr_array_index (self->hello_items, i));
  hello->body = g_variant_ref_sink (g_variant_builder_end (&b));

  /* The hello always travels as JSON: the codec is not chosen yet. */
  queue_frame (self, ro_codec_json ()->encode (hello));
  ro_message_free (hello);
  self->hello_sent = TRUE;
}

/* The server's preference order decides, so both ends pick the same one. */
static const RoCodec *
choose_codec (RoConnection       *self,
              const char * const *peer_codecs)
{
  const char * const *ours = ro_codec_list_offered ();
  const char * const *server = self->is_server ? ours : peer_codecs;
  const char * const *client = self->is_server ? peer_codecs : ours;

  for (guint i = 0; server[i] != NULL; i++)
    if (g_strv_contains (client, server[i]) && ro_codec_lookup (server[i]) != NULL)
      return ro_codec_lookup (server[i]);
  return NULL;
}

static void
handle_hello (RoConnection *self,
              RoMessage    *hello)
{
  g_autoptr(GVariant) protocol_value = NULL;
  g_autoptr(GVariant) version_value = NULL;
  g_autoptr(GVariant) codecs_value = NULL;
  g_autoptr(GVariant) token_value = NULL;
  const char *protocol, *token;
  guint32 version;
  g_autofree const char **codecs = NULL;

  if (hello->type != RO_MESSAGE_HELLO)
    {
      fail (self, RO_ERROR_PROTOCOL, "%s sent “%s” before its hello",
            self->peer_description, ro_message_type_to_string (hello->type));
      return;
    }

  /* Not g_variant_lookup (): parsing its format strings cost more than
   * the rest of the hello. */
  protocol_value = g_variant_lookup_value (hello->body, "protocol", G_VARIANT_TYPE_STRING);
  version_value = g_variant_lookup_value (hello->body, "version", G_VARIANT_TYPE_UINT32);
  codecs_value = g_variant_lookup_value (hello->body, "codecs", G_VARIANT_TYPE_STRING_ARRAY);
  token_value = g_variant_lookup_value (hello->body, "token", G_VARIANT_TYPE_STRING);
  protocol = protocol_value != NULL ? g_variant_get_string (protocol_value, NULL) : NULL;
  version = version_value != NULL ? g_variant_get_uint32 (version_value) : 0;
  codecs = codecs_value != NULL ? g_variant_get_strv (codecs_value, NULL) : NULL;
  token = token_value != NULL ? g_variant_get_string (token_value, NULL) : NULL;

  if (g_strcmp0 (protocol, RO_PROTOCOL_NAME) != 0 || version != RO_PROTOCOL_VERSION)
    {
      fail (self, RO_ERROR_PROTOCOL,
            "%s speaks protocol “%s” version %u; this side speaks “%s” version %u",
            self->peer_description, protocol != NULL ? protocol : "(none)", version,
            RO_PROTOCOL_NAME, RO_PROTOCOL_VERSION);
      return;
    }

  self->codec = codecs != NULL ? choose_codec (self, codecs) : NULL;
  if (self->codec == NULL)
    {
      fail (self, RO_ERROR_PROTOCOL, "%s shares no codec with this side", self->peer_description);
      return;
    }

  if (self->is_server && token != NULL && token[0] != '\0')
    {
      self->peer_token = g_strdup (token);
      G_LOCK (local_peers);
      if (local_peers == NULL)
        local_peers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_replace (local_peers, g_strdup (token), self);
      G_UNLOCK (local_peers);
    }

  self->peer_hello = g_variant_ref (hello->body);
  self->ready = TRUE;
  while (!g_queue_is_empty (&self->early))
    ro_connection_send_take (self, g_queue_pop_head (&self->early));

  if (self->handlers.ready != NULL)
    self->handlers.ready (self, self->user_data);
}

void
ro_connection_add_hello_item (RoConnection *self,
                              const char   *key,
                              GVariant     *value)
{
  g_return_if_fail (!self->hello_sent);

  if (self->hello_items == NULL)
    self->hello_items = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_ptr_array_add (self->hello_items, g_variant_ref_sink (g_variant_new_dict_entry (g_variant_new_string (key),
                                                                                     g_variant_new_variant (value))));
}

GVariant *
ro_connection_get_peer_hello (RoConnection *self)
{
  return self->peer_hello;
}

RoConnection *
ro_connection_get_local_peer (RoConnection *self)
{
  RoConnection *peer = NULL;

  if (self->is_server)
    return NULL;
  if (self->local_peer != NULL)
    return self->local_peer;

  G_LOCK (local_peers);
  if (local_peers != NULL)
    peer = g_hash_table_lookup (local_peers, self->token);
  G_UNLOCK (local_peers);
  return peer;
}

void
ro_connection_set_local_peer (RoConnection *self,
                              RoConnection *server)
{
  g_set_weak_pointer (&self->local_peer, server);
}

/* Reading */

/* Returns FALSE once the connection is closed. */
static gboolean
read_frames (RoConnection *self)
{
  gsize total = 0;

  while (total < MAX_READ_PER_WAKEUP)
    {
      g_autoptr(GError) error = NULL;
      gsize available;
      guint8 *buffer = ro_frame_buffer_reserve (self->in, READ_CHUNK, &available);
      gssize n = g_pollable_input_stream_read_nonblocking (self->input, buffer, available, NULL, &error);

      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        break;
      if (n < 0)
        {
          fail (self, RO_ERROR_DISCONNECTED, "Reading from %s failed: %s",
                self->peer_description, error->message);
          return FALSE;
        }
      if (n == 0)
        {
          fail (self, RO_ERROR_DISCONNECTED, "%s closed the connection", self->peer_description);
          return FALSE;
        }
      ro_frame_buffer_commit (self->in, n);
      total += n;
      if ((gsize) n < available)
        break;
    }

  if (total > 0)
    self->last_received = g_get_monotonic_time ();

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      const guint8 *payload;
      gsize length;
      RoMessage *message;

      if (!ro_frame_buffer_next (self->in, &payload, &length, &error))
        {
          if (error != NULL)
            {
              fail (self, RO_ERROR_PROTOCOL, "Dropping %s: %s", self->peer_description, error->message);
              return FALSE;
            }
          break;
        }

      message = (self->ready ? self->codec : ro_codec_json ())->decode (payload, length, &error);
      if (message == NULL)
        {
          fail (self, RO_ERROR_PROTOCOL, "Dropping %s: %s", self->peer_description, error->message);
          return FALSE;
        }

      if (!self->ready)
        {
          handle_hello (self, message);
          ro_message_free (message);
          if (self->closed)
            return FALSE;
          continue;
        }

      switch (message->type)
        {
        case RO_MESSAGE_HELLO:
          ro_message_free (message);
          fail (self, RO_ERROR_PROTOCOL, "%s sent a second hello", self->peer_description);
          return FALSE;
        case RO_MESSAGE_PING:
          {
            RoMessage *pong = ro_message_new (RO_MESSAGE_PONG);

            pong->serial = message->serial;
            ro_connection_send_take (self, pong);
            ro_message_free (message);
          }
          continue;
        case RO_MESSAGE_PONG:
          ro_message_free (message);
          continue;
        default:
          break;
        }

      {
        Incoming *in = g_new0 (Incoming, 1);

        in->message = message;
        if (self->peek != NULL && self->peek (self, message, &in->applied, self->peek_data))
          incoming_free (in);
        else
          g_queue_push_tail (&self->incoming, in);
      }
      if (self->closed)
        return FALSE;
    }

  return TRUE;
}

static void
dispatch_incoming (RoConnection *self)
{
  g_autoptr(RoConnection) keep G_GNUC_UNUSED = g_object_ref (self);

  /* A handler may run a blocking wait that reads more into the queue; the
   * outer loop then goes on with those, in order. */
  if (self->dispatching)
    return;

  self->dispatching = TRUE;
  while (!self->closed && self->peek == NULL && !self->behind && !g_queue_is_empty (&self->incoming))
    {
      Incoming *in = g_queue_pop_head (&self->incoming);

      if (self->handlers.message != NULL)
        self->handlers.message (self, in->message, in->applied, self->user_data);
      incoming_free (in);
    }
  self->dispatching = FALSE;
}

static gboolean
read_ready_cb (GObject  *stream,
               gpointer  data)
{
  RoConnection *self = data;
  g_autoptr(RoConnection) keep G_GNUC_UNUSED = g_object_ref (self);

  if (!read_frames (self))
    return G_SOURCE_REMOVE;
  if (self->peek == NULL)
    dispatch_incoming (self);
  /* What handling this read queued (replies, the next call) goes out at
   * once, together, rather than one main loop iteration later. */
  if (self->flush_source != NULL && !self->closed)
    flush_now (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
dispatch_cb (gpointer data)
{
  RoConnection *self = data;

  clear_source (&self->dispatch_source);
  dispatch_incoming (self);
  return G_SOURCE_REMOVE;
}

void
ro_connection_schedule_dispatch (RoConnection *self)
{
  if (self->dispatch_source != NULL || g_queue_is_empty (&self->incoming) || self->closed)
    return;

  self->dispatch_source = g_idle_source_new ();
  g_source_set_priority (self->dispatch_source, G_PRIORITY_DEFAULT);
  g_source_set_callback (self->dispatch_source, dispatch_cb, self, NULL);
  g_source_set_static_name (self->dispatch_source, "[ro] connection dispatch");
  g_source_attach (self->dispatch_source, self->context);
}

void
ro_connection_set_peek (RoConnection         *self,
                        RoConnectionPeekFunc  peek,
                        gpointer              user_data)
{
  self->peek = peek;
  self->peek_data = user_data;
}

/* Heartbeat */

static gboolean
heartbeat_cb (gpointer data)
{
  RoConnection *self = data;
  gint64 now = g_get_monotonic_time ();
  gint64 interval = (gint64) self->heartbeat_interval * 1000;

  if (now - self->last_received >= 2 * interval)
    {
      fail (self, RO_ERROR_TIMED_OUT, "%s did not answer for %u ms",
            self->peer_description, 2 * self->heartbeat_interval);
      return G_SOURCE_REMOVE;
    }

  if (self->ready && now - self->last_ping >= interval)
    {
      RoMessage *ping = ro_message_new (RO_MESSAGE_PING);

      ping->serial = ++self->ping_serial ? self->ping_serial : ++self->ping_serial;
      ro_connection_send_take (self, ping);
      self->last_ping = now;
    }

  return G_SOURCE_CONTINUE;
}

static void
start_heartbeat (RoConnection *self)
{
  clear_source (&self->heartbeat_source);
  if (self->heartbeat_interval == 0 || self->closed)
    return;

  self->heartbeat_source = g_timeout_source_new (MAX (self->heartbeat_interval / 2, 1));
  g_source_set_callback (self->heartbeat_source, heartbeat_cb, self, NULL);
  g_source_set_static_name (self->heartbeat_source, "[ro] connection heartbeat");
  g_source_attach (self->heartbeat_source, self->context);
}

void
ro_connection_set_heartbeat_interval (RoConnection *self,
                                      guint         interval_ms)
{
  self->heartbeat_interval = interval_ms;
  self->last_received = g_get_monotonic_time ();
  if (self->read_source != NULL)
    start_heartbeat (self);
}

/* Sources */

static void
detach_sources (RoConnection *self)
{
  clear_source (&self->read_source);
  clear_source (&self->write_source);
  clear_source (&self->flush_source);
  clear_source (&self->dispatch_source);
  clear_source (&self->heartbeat_source);
}

static gboolean
socket_ready_cb (GSocket      *socket,
                 GIOCondition  condition,
                 gpointer      data)
{
  return read_ready_cb (NULL, data);
}

/* GLib 2.74 blocks a source while it is dispatched by taking its
 * descriptors out of the poll set and putting them back, each time
 * signalling the context's wakeup: a pollable stream's source (a source
 * with a child) costs four syscalls and an extra poll per message. A
 * socket's own source has no child, and read_ready_cb() may be entered
 * again (dispatching is guarded), so it is not blocked at all. */
static GSource *
create_read_source (RoConnection *self)
{
  GSource *source;

  if (G_IS_SOCKET_CONNECTION (self->stream))
    {
      GSocket *socket = g_socket_connection_get_socket (G_SOCKET_CONNECTION (self->stream));

      source = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
      g_source_set_callback (source, (GSourceFunc) (GCallback) socket_ready_cb, self, NULL);
    }
  else
    {
      source = g_pollable_input_stream_create_source (self->input, NULL);
      g_source_set_callback (source, (GSourceFunc) (GCallback) read_ready_cb, self, NULL);
    }
  g_source_set_can_recurse (source, TRUE);
  return source;
}

static void
attach_read_source (RoConnection *self)
{
  if (self->read_source != NULL || self->behind || self->closed || self->context == NULL)
    return;
  self->read_source = create_read_source (self);
  g_source_set_static_name (self->read_source, "[ro] connection read");
  g_source_attach (self->read_source, self->context);
}

static void
attach_sources (RoConnection *self)
{
  if (self->closed)
    return;

  attach_read_source (self);

  if (!g_queue_is_empty (&self->outgoing) || self->open_chunk != NULL)
    schedule_flush (self);
  if (self->peek == NULL)
    ro_connection_schedule_dispatch (self);
  start_heartbeat (self);
}

void
ro_connection_attach (RoConnection *self,
                      GMainContext *context)
{
  if (context == NULL)
    context = self->home_context;
  if (context == self->context && self->read_source != NULL)
    return;

  detach_sources (self);
  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref (context);
  /* The heartbeat would see no traffic while moved; give it a fresh start. */
  self->last_received = g_get_monotonic_time ();
  attach_sources (self);
}

void
ro_connection_start (RoConnection *self)
{
  g_return_if_fail (!self->hello_sent);

  self->last_received = g_get_monotonic_time ();
  send_hello (self);
  attach_sources (self);
}
