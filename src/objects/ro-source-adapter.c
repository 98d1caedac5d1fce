/* ro-source-adapter.c: serving one shared GObject to its replicas
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * The adapter watches the object: each `notify` of a replicated property
 * reads the value at once (so no value of a burst is lost) and gathers it;
 * the gathered changes go out as one message at the end of the main loop
 * iteration, or earlier when a signal or a reply must follow them. A
 * freeze_notify group therefore always travels in one message.
 */

#include "config.h"

#include <string.h>

#include "ro-interface-info-private.h"
#include "ro-invocation-private.h"
#include "ro-source-adapter.h"
#include "ro-value-private.h"

/* Bounds one message; a larger burst goes out in several. 8192 made a
 * burst's peak memory 12 MiB instead of 8 (ro-bench, W2 in one batch),
 * for no gain in speed. */
#define MAX_CHANGES_PER_MESSAGE 1024

/* A peer that does not keep up gets the latest value of each property
 * that changed meanwhile (its dirty set) instead of every value, sent when
 * it catches up or before the next signal, so that order still holds. */
typedef struct
{
  RoPeer *peer;
  GHashTable *dirty;   /* property names, or NULL while keeping up */
} Subscriber;

struct _RoSourceAdapter
{
  RoHost *host;            /* weak: the host owns us */
  GObject *object;
  char *name;
  RoInterfaceInfo *info;
  GVariant *description;   /* info as snapshots carry it, made once */
  GPtrArray *subscribers;  /* Subscriber */
  RoEntriesWriter changes;
  GSource *flush_source;
  GArray *handlers;        /* gulong */
};

typedef struct
{
  RoSourceAdapter *adapter;
  const char *signal_name;
} Forward;

static void
send_changes (RoSourceAdapter *self)
{
  g_autoptr(RoMessage) message = NULL;

  if (ro_entries_writer_get_n (&self->changes) == 0)
    return;

  message = ro_message_new (RO_MESSAGE_CHANGES);
  message->name = g_strdup (self->name);
  message->body = ro_entries_writer_end (&self->changes, G_VARIANT_TYPE ("a(sv)"));
  ro_source_adapter_broadcast (self, message);
}

void
ro_source_adapter_flush (RoSourceAdapter *self)
{
  if (self->flush_source != NULL)
    {
      g_source_destroy (self->flush_source);
      g_clear_pointer (&self->flush_source, g_source_unref);
    }
  send_changes (self);
}

static gboolean
flush_cb (gpointer data)
{
  RoSourceAdapter *self = data;

  g_clear_pointer (&self->flush_source, g_source_unref);
  send_changes (self);
  return G_SOURCE_REMOVE;
}

/* Writes @value as @name's entry unless it cannot be remoted. Only a
 * GVariant can nest past the protocol's limits or come in an encoding
 * peers refuse: it is written as ro_message_prepare_value() makes it. */
static gboolean
add_entry (RoEntriesWriter  *writer,
           const char       *name,
           const GValue     *value,
           GError          **error)
{
  if (G_VALUE_HOLDS_VARIANT (value))
    {
      g_autoptr(GVariant) variant = ro_value_to_variant (value, error);
      g_autoptr(GVariant) prepared = variant != NULL ? ro_message_prepare_value (variant, RO_PROPERTY_DEPTH, error) : NULL;
      g_autoptr(GVariant) just = NULL;
      g_auto(GValue) sent = G_VALUE_INIT;

      if (prepared == NULL)
        return FALSE;
      /* The property travels as "mv". */
      g_value_init (&sent, G_TYPE_VARIANT);
      just = g_variant_get_maybe (prepared);
      if (just != NULL)
        g_value_take_variant (&sent, g_variant_get_variant (just));
      return ro_entries_writer_add (writer, name, &sent, error);
    }
  return ro_entries_writer_add (writer, name, value, error);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    data)
{
  RoSourceAdapter *self = data;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  if (self->subscribers->len == 0 ||
      ro_interface_info_lookup_property (self->info, pspec->name) < 0)
    return;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, pspec->name, &value);
  if (!add_entry (&self->changes, pspec->name, &value, &error))
    {
      g_warning ("Property “%s” of “%s” is not sent: %s", pspec->name, self->name, error->message);
      return;
    }

  if (ro_entries_writer_get_n (&self->changes) >= MAX_CHANGES_PER_MESSAGE)
    {
      ro_source_adapter_flush (self);
      return;
    }

  if (self->flush_source == NULL)
    {
      self->flush_source = g_idle_source_new ();
      g_source_set_priority (self->flush_source, G_PRIORITY_HIGH);
      g_source_set_callback (self->flush_source, flush_cb, self, NULL);
      g_source_set_static_name (self->flush_source, "[ro] source changes");
      g_source_attach (self->flush_source, ro_node_get_context (RO_NODE (self->host)));
    }
}

static void
forward_marshal (GClosure     *closure,
                 GValue       *return_value,
                 guint         n_param_values,
                 const GValue *param_values,
                 gpointer      invocation_hint,
                 gpointer      marshal_data)
{
  Forward *forward = closure->data;
  RoSourceAdapter *self = forward->adapter;
  g_autoptr(RoMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) written = NULL;
  GVariant *args = NULL;

  if (self->subscribers->len == 0)
    return;

  written = ro_values_to_tuple (param_values + 1, n_param_values - 1, &error);
  /* Written here, arguments keep to the limits and the encoding by
   * construction, but for GVariants the application gave. */
  if (written != NULL && strchr (g_variant_get_type_string (written), 'v') == NULL)
    args = g_steal_pointer (&written);
  else if (written != NULL)
    args = ro_message_prepare_value (written, RO_ARGS_DEPTH, &error);
  if (args == NULL)
    {
      g_warning ("Signal “%s” of “%s” is not sent: %s", forward->signal_name, self->name, error->message);
      return;
    }

  ro_source_adapter_flush (self);
  message = ro_message_new (RO_MESSAGE_SIGNAL);
  message->name = g_strdup (self->name);
  message->member = g_strdup (forward->signal_name);
  message->body = args;
  ro_source_adapter_broadcast (self, message);
}

static void
subscriber_free (Subscriber *sub)
{
  g_clear_pointer (&sub->dirty, g_hash_table_unref);
  ro_peer_unref (sub->peer);
  g_free (sub);
}

static Subscriber *
find_subscriber (RoSourceAdapter *self,
                 RoPeer          *peer)
{
  for (guint i = 0; i < self->subscribers->len; i++)
    {
      Subscriber *sub = g_ptr_array_index (self->subscribers, i);

      if (sub->peer == peer)
        return sub;
    }
  return NULL;
}

static void add_current_value (RoSourceAdapter *self,
                               RoEntriesWriter *writer,
                               const char      *name);

/* The catch-up message: the current value of every dirty property. */
static void
send_dirty (RoSourceAdapter *self,
            Subscriber      *sub)
{
  g_autoptr(RoMessage) message = NULL;
  g_autoptr(GHashTable) dirty = g_steal_pointer (&sub->dirty);
  g_auto(RoEntriesWriter) writer = { NULL, NULL };
  GHashTableIter iter;
  gpointer name;

  if (dirty == NULL || g_hash_table_size (dirty) == 0)
    return;

  ro_entries_writer_init (&writer);
  g_hash_table_iter_init (&iter, dirty);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    add_current_value (self, &writer, name);
  message = ro_message_new (RO_MESSAGE_CHANGES);
  message->name = g_strdup (self->name);
  message->body = ro_entries_writer_end (&writer, G_VARIANT_TYPE ("a(sv)"));
  ro_connection_send (sub->peer->connection, message);
}

void
ro_source_adapter_peer_drained (RoSourceAdapter *self,
                                RoPeer          *peer)
{
  Subscriber *sub = find_subscriber (self, peer);

  if (sub != NULL)
    send_dirty (self, sub);
}

RoSourceAdapter *
ro_source_adapter_new (RoHost      *host,
                       GObject     *object,
                       const char  *name,
                       GError     **error)
{
  RoInterfaceInfo *info = ro_interface_info_new_for_type (G_OBJECT_TYPE (object), error);
  RoSourceAdapter *self;
  gulong id;

  if (info == NULL)
    return NULL;

  self = g_new0 (RoSourceAdapter, 1);
  self->host = host;
  self->object = g_object_ref (object);
  self->name = g_strdup (name);
  self->info = info;
  self->subscribers = g_ptr_array_new_with_free_func ((GDestroyNotify) subscriber_free);
  ro_entries_writer_init (&self->changes);
  self->handlers = g_array_new (FALSE, FALSE, sizeof (gulong));

  id = g_signal_connect (object, "notify", G_CALLBACK (notify_cb), self);
  g_array_append_val (self->handlers, id);

  for (guint i = 0; i < ro_interface_info_get_n_signals (info); i++)
    {
      const char *signal_name = ro_interface_info_get_signal_name (info, i);
      Forward *forward = g_new0 (Forward, 1);
      GClosure *closure;

      forward->adapter = self;
      forward->signal_name = signal_name;
      closure = g_closure_new_simple (sizeof (GClosure), forward);
      g_closure_add_finalize_notifier (closure, forward, (GClosureNotify) (GCallback) g_free);
      g_closure_set_marshal (closure, forward_marshal);
      id = g_signal_connect_closure (object, signal_name, closure, FALSE);
      g_array_append_val (self->handlers, id);
    }

  return self;
}

void
ro_source_adapter_free (RoSourceAdapter *self)
{
  ro_source_adapter_flush (self);
  for (guint i = 0; i < self->handlers->len; i++)
    g_signal_handler_disconnect (self->object, g_array_index (self->handlers, gulong, i));
  g_array_unref (self->handlers);
  g_ptr_array_unref (self->subscribers);
  ro_entries_writer_clear (&self->changes);
  g_object_unref (self->object);
  ro_interface_info_unref (self->info);
  g_clear_pointer (&self->description, g_variant_unref);
  g_free (self->name);
  g_free (self);
}

const char *
ro_source_adapter_get_name (RoSourceAdapter *self)
{
  return self->name;
}

RoInterfaceInfo *
ro_source_adapter_get_info (RoSourceAdapter *self)
{
  return self->info;
}

void
ro_source_adapter_broadcast (RoSourceAdapter *self,
                             const RoMessage *message)
{
  g_autoptr(GPtrArray) dropped = g_ptr_array_new_with_free_func ((GDestroyNotify) ro_peer_unref);
  const RoCodec *codec = NULL;
  g_autoptr(GBytes) frame = NULL;

  for (guint i = 0; i < self->subscribers->len; i++)
    {
      Subscriber *sub = g_ptr_array_index (self->subscribers, i);
      RoConnection *connection = sub->peer->connection;
      const RoCodec *peer_codec = ro_connection_get_codec (connection);

      if (message->type == RO_MESSAGE_CHANGES && ro_connection_is_behind (connection))
        {
          GVariantIter iter;
          const char *name;

          if (sub->dirty == NULL)
            sub->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_variant_iter_init (&iter, message->body);
          while (g_variant_iter_next (&iter, "(&sv)", &name, NULL))
            g_hash_table_add (sub->dirty, g_strdup (name));
          continue;
        }

      /* Signals are not coalesced: a peer that lets them pile up past the
       * limit is dropped, so that it cannot make the host grow. */
      if (ro_connection_get_queued_bytes (connection) > ro_host_get_max_queued_bytes (self->host))
        {
          g_ptr_array_add (dropped, ro_peer_ref (sub->peer));
          continue;
        }

      send_dirty (self, sub);
      /* One encoding serves every peer of the same codec. */
      if (peer_codec != codec)
        {
          g_clear_pointer (&frame, g_bytes_unref);
          codec = peer_codec;
          frame = codec->encode (message);
        }
      ro_connection_send_frame (connection, frame);
    }

  /* Closing unsubscribes: not while walking the subscribers. */
  for (guint i = 0; i < dropped->len; i++)
    {
      RoPeer *peer = g_ptr_array_index (dropped, i);
      g_autoptr(GError) error = g_error_new (RO_ERROR, RO_ERROR_FAILED,
                                             "%s does not read: over %u bytes wait for it",
                                             ro_connection_get_peer_description (peer->connection),
                                             ro_host_get_max_queued_bytes (self->host));

      g_message ("Dropping a peer of “%s”: %s", self->name, error->message);
      ro_connection_close (peer->connection, error);
    }
}

static void
add_current_value (RoSourceAdapter *self,
                   RoEntriesWriter *writer,
                   const char      *name)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self->object), name);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (self->object, name, &value);
  if (add_entry (writer, name, &value, &error))
    return;

  /* Keeps the message complete: the type's default stands in. */
  g_warning ("Property “%s” of “%s”: %s", name, self->name, error->message);
  g_value_reset (&value);
  g_param_value_set_default (pspec, &value);
  ro_entries_writer_add (writer, name, &value, NULL);
}

static GVariant *
read_values (RoSourceAdapter *self)
{
  g_auto(RoEntriesWriter) writer = { NULL, NULL };

  ro_entries_writer_init (&writer);
  for (guint i = 0; i < ro_interface_info_get_n_properties (self->info); i++)
    add_current_value (self, &writer, ro_interface_info_get_property_name (self->info, i));
  return ro_entries_writer_end (&writer, G_VARIANT_TYPE_VARDICT);
}

void
ro_source_adapter_subscribe (RoSourceAdapter *self,
                             RoPeer          *peer,
                             const char      *known_signature)
{
  g_autoptr(RoMessage) snapshot = NULL;
  GVariant *items[2];

  /* Peers already subscribed get the pending changes before the new one
   * gets a snapshot that already holds them. */
  ro_source_adapter_flush (self);
  if (find_subscriber (self, peer) == NULL)
    {
      Subscriber *sub = g_new0 (Subscriber, 1);

      sub->peer = ro_peer_ref (peer);
      g_ptr_array_add (self->subscribers, sub);
    }

  if (self->description == NULL)
    {
      self->description = ro_interface_info_to_variant (self->info);
      /* Serialized once here, copied as bytes into every snapshot. */
      g_variant_get_data (self->description);
    }
  if (g_strcmp0 (known_signature, ro_interface_info_get_signature (self->info)) == 0)
    items[0] = ro_interface_info_get_left_out ();
  else
    items[0] = self->description;
  items[1] = read_values (self);
  snapshot = ro_message_new (RO_MESSAGE_SNAPSHOT);
  snapshot->name = g_strdup (self->name);
  snapshot->body = g_variant_ref_sink (g_variant_new_tuple (items, G_N_ELEMENTS (items)));
  g_variant_unref (items[1]);
  ro_connection_send (peer->connection, snapshot);
}

void
ro_source_adapter_unsubscribe (RoSourceAdapter *self,
                               RoPeer          *peer)
{
  Subscriber *sub = find_subscriber (self, peer);

  if (sub != NULL)
    g_ptr_array_remove (self->subscribers, sub);
}

typedef struct
{
  GWeakRef host;
  RoPeer *peer;
  guint32 serial;
} ReplyTo;

static void
reply_to_free (ReplyTo *reply_to)
{
  g_weak_ref_clear (&reply_to->host);
  ro_peer_unref (reply_to->peer);
  g_free (reply_to);
}

static void
invocation_reply_cb (GVariant     *result,
                     const GError *error,
                     gpointer      data)
{
  ReplyTo *reply_to = data;
  g_autoptr(RoHost) host = g_weak_ref_get (&reply_to->host);

  if (reply_to->serial != 0 && reply_to->peer->invocations != NULL)
    g_hash_table_remove (reply_to->peer->invocations, GUINT_TO_POINTER (reply_to->serial));
  if (host != NULL)
    ro_host_send_reply (host, reply_to->peer, reply_to->serial, result, error);
}

static void
reply_error (RoSourceAdapter *self,
             RoPeer          *peer,
             guint32          serial,
             int              code,
             const char      *format,
             ...) G_GNUC_PRINTF (5, 6);

static void
reply_error (RoSourceAdapter *self,
             RoPeer          *peer,
             guint32          serial,
             int              code,
             const char      *format,
             ...)
{
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (RO_ERROR, code, format, args);
  va_end (args);
  g_debug ("Refusing a call from %s: %s", ro_connection_get_peer_description (peer->connection), error->message);
  ro_host_send_reply (self->host, peer, serial, NULL, error);
}

void
ro_source_adapter_invoke (RoSourceAdapter *self,
                          RoPeer          *peer,
                          RoMessage       *message)
{
  int index = ro_interface_info_lookup_method (self->info, message->member);
  g_autoptr(GVariant) args = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RoInvocation) invocation = NULL;
  g_auto(GValue) return_value = G_VALUE_INIT;
  g_autofree GValue *values = NULL;
  gboolean takes_invocation;
  GSignalQuery query;
  guint first;

  if (index < 0)
    {
      reply_error (self, peer, message->serial, RO_ERROR_NOT_FOUND,
                   "“%s” has no method “%s”", self->name, message->member);
      return;
    }

  args = ro_variant_coerce (message->body, ro_interface_info_get_method_arg_types (self->info, index));
  if (args == NULL)
    {
      reply_error (self, peer, message->serial, RO_ERROR_INVALID_ARGUMENTS,
                   "Method “%s” of “%s” takes “%s”, not “%s”", message->member, self->name,
                   g_variant_type_peek_string (ro_interface_info_get_method_arg_types (self->info, index)),
                   g_variant_get_type_string (message->body));
      return;
    }

  g_signal_query (g_signal_lookup (message->member, G_OBJECT_TYPE (self->object)), &query);
  takes_invocation = ro_interface_info_get_method_takes_invocation (self->info, index);
  first = takes_invocation ? 2 : 1;
  values = g_new0 (GValue, query.n_params + 1);
  if (!ro_tuple_to_values (args, query.param_types + first - 1, query.n_params - (first - 1),
                           values + first, &error))
    {
      reply_error (self, peer, message->serial, RO_ERROR_INVALID_ARGUMENTS,
                   "Method “%s” of “%s”: %s", message->member, self->name, error->message);
      return;
    }

  g_value_init (&values[0], G_OBJECT_TYPE (self->object));
  g_value_set_object (&values[0], self->object);

  if (takes_invocation)
    {
      ReplyTo *reply_to = g_new0 (ReplyTo, 1);

      g_weak_ref_init (&reply_to->host, self->host);
      reply_to->peer = ro_peer_ref (peer);
      reply_to->serial = message->serial;
      invocation = ro_invocation_new (self->name, message->member, args,
                                      ro_interface_info_get_method_return_type (self->info, index),
                                      invocation_reply_cb, reply_to, (GDestroyNotify) reply_to_free);
      ro_invocation_set_caller (invocation, peer);
      if (message->serial != 0)
        g_hash_table_insert (peer->invocations, GUINT_TO_POINTER (message->serial), invocation);
      g_value_init (&values[1], RO_TYPE_INVOCATION);
      g_value_set_object (&values[1], invocation);
    }

  if (query.return_type != G_TYPE_NONE)
    g_value_init (&return_value, query.return_type & ~G_SIGNAL_TYPE_STATIC_SCOPE);

  g_signal_emitv (values, query.signal_id, 0, &return_value);

  for (guint i = 0; i <= query.n_params; i++)
    g_value_unset (&values[i]);

  /* The invocation answers itself: now, later, or when finalized. */
  if (takes_invocation)
    return;

  {
    g_autoptr(GVariant) result = NULL;

    if (query.return_type == G_TYPE_NONE)
      result = g_variant_ref_sink (g_variant_new ("()"));
    else
      result = ro_values_to_tuple (&return_value, 1, &error);

    ro_host_send_reply (self->host, peer, message->serial, result, error);
  }
}

void
ro_source_adapter_push (RoSourceAdapter *self,
                        RoPeer          *peer,
                        RoMessage       *message)
{
  int index = ro_interface_info_lookup_property (self->info, message->member);
  RoPropertyMode mode;
  GParamSpec *pspec;
  g_autoptr(GVariant) asked = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GValue) gvalue = G_VALUE_INIT;

  if (index < 0)
    {
      reply_error (self, peer, message->serial, RO_ERROR_NOT_FOUND,
                   "“%s” has no property “%s”", self->name, message->member);
      return;
    }

  mode = ro_interface_info_get_property_mode (self->info, index);
  if (mode != RO_PROPERTY_MODE_READWRITE && mode != RO_PROPERTY_MODE_READPUSH)
    {
      reply_error (self, peer, message->serial, RO_ERROR_PERMISSION_DENIED,
                   "Property “%s” of “%s” is read-only", message->member, self->name);
      return;
    }

  asked = g_variant_get_variant (message->body);
  value = ro_variant_coerce (asked, ro_interface_info_get_property_type (self->info, index));
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self->object), message->member);
  g_value_init (&gvalue, pspec->value_type);
  if (value == NULL || !ro_value_from_variant (value, &gvalue, &error))
    {
      reply_error (self, peer, message->serial, RO_ERROR_INVALID_ARGUMENTS,
                   "Property “%s” of “%s” takes “%s”, not “%s”%s%s", message->member, self->name,
                   g_variant_type_peek_string (ro_interface_info_get_property_type (self->info, index)),
                   g_variant_get_type_string (asked),
                   error != NULL ? ": " : "", error != NULL ? error->message : "");
      return;
    }
  if (g_param_value_validate (pspec, &gvalue))
    {
      reply_error (self, peer, message->serial, RO_ERROR_INVALID_ARGUMENTS,
                   "The value pushed to “%s” of “%s” is out of its range", message->member, self->name);
      return;
    }

  g_object_set_property (self->object, message->member, &gvalue);
  {
    g_autoptr(GVariant) empty = g_variant_ref_sink (g_variant_new ("()"));

    ro_host_send_reply (self->host, peer, message->serial, empty, NULL);
  }
}
