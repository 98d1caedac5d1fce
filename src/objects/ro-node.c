/* ro-node.c: a client endpoint that connects to hosts and hands out replicas
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * RoNode:
 *
 * A node connects to hosts and hands out replicas of the sources they share.
 *
 * ```c
 * g_autoptr(RoNode) node = ro_node_new ();
 *
 * ro_node_connect_to_node (node, "local:thermostat", &error);
 * ro_node_acquire_async (node, "Thermostat", NULL, acquired_cb, NULL);
 * ```
 *
 * A node keeps one connection per host URL, shared by all its replicas, and
 * remakes it with a bounded back-off after a loss: replicas of the lost
 * sources go %RO_REPLICA_STATE_SUSPECT and come back to
 * %RO_REPLICA_STATE_VALID with a fresh snapshot, with no action by the user.
 *
 * A node belongs to the main context that was thread-default when it was
 * created; its signals, and those of its replicas, are emitted there, and it
 * must be used from that context's thread.
 */

#include "config.h"

#include "ro-node-private.h"
#include "ro-registry-client.h"
#include "ro-url.h"

typedef struct
{
  GPtrArray *attached;     /* RoConnection, moved to the wait's context */
  GMainContext *context;
} Wait;

typedef struct
{
  GMainContext *context;
  GPtrArray *peers;            /* RoPeer */
  GPtrArray *links;            /* RoLink */
  GHashTable *remote_sources;  /* name -> RoRemoteSource (weak) */
  guint heartbeat_interval;
  guint max_frame_size;
  char *registry_url;
  RoRegistryClient *registry;
  RoTlsSettings tls;
  Wait *wait;
} RoNodePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (RoNode, ro_node, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REGISTRY_URL,
  PROP_HEARTBEAT_INTERVAL,
  PROP_MAX_FRAME_SIZE,
  PROP_TLS_CERTIFICATE,
  PROP_TLS_DATABASE,
  PROP_TLS_PINNED_CERTIFICATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_REMOTE_OBJECT_ADDED,
  SIGNAL_REMOTE_OBJECT_REMOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void attach_source (RoNode *self, RoRemoteSource *source, RoPeer *peer);

GMainContext *
ro_node_get_context (RoNode *self)
{
  RoNodePrivate *priv = ro_node_get_instance_private (self);

  return priv->context;
}

GPtrArray *
ro_node_get_peers (RoNode *self)
{
  RoNodePrivate *priv = ro_node_get_instance_private (self);

  return priv->peers;
}

static void
fail_calls (RoPeer       *peer,
            const GError *error)
{
  GHashTableIter iter;
  gpointer value;

  while (g_hash_table_size (peer->calls) > 0)
    {
      g_hash_table_iter_init (&iter, peer->calls);
      g_hash_table_iter_next (&iter, NULL, &value);
      ro_call_complete (value, NULL, error);
    }
}

/* Gives a source that has no host one of the peers that shares it, or
 * asks the registry where it is. */
static void
find_peer_for (RoNode         *self,
               RoRemoteSource *source)
{
  RoNodePrivate *priv = ro_node_get_instance_private (self);

  for (guint i = 0; i < priv->peers->len && source->peer == NULL; i++)
    {
      RoPeer *peer = g_ptr_array_index (priv->peers, i);

      if (ro_connection_is_ready (peer->connection) &&
          g_hash_table_contains (peer->announced, source->name))
        attach_source (self, source, peer);
    }

  if (source->peer == NULL && priv->registry != NULL && !ro_registry_client_is_for (priv->registry, source))
    ro_registry_client_resolve (priv->registry, source->name);
}

void
ro_node_resolve_sources (RoNode *self)
{
  RoNodePrivate *priv = ro_node_get_instance_private (self);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, priv->remote_sources);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((RoRemoteSource *) value)->peer == NULL)
      find_peer_for (self, value);
}

RoRegistryClient *
ro_node_get_registry_client (RoNode *self)
{
  RoNodePrivate *priv = ro_node_get_instance_private (self);

  return priv->registry;
}

void
ro_node_emit_remote_object (RoNode     *self,
                            gboolean    added,
                            const char *name,
                            const char *url)
{
  g_signal_emit (self, signals[added ? SIGNAL_REMOTE_OBJECT_ADDED : SIGNAL_REMOTE_OBJECT_REMOVED], 0, name, url);
}

static void
detach_source (RoNode         *self,
               RoRemoteSource *source)
{
  g_clear_pointer (&source->peer, ro_peer_unref);
  g_clear_pointer (&source->offered, ro_interface_info_unref);
  if (source->state == RO_REPLICA_STATE_VALID)
    source->state = RO_REPLICA_STATE_SUSPECT;
}

static gboolean
takes_hello_acquire (RoPeer *peer)
{
  g_autoptr(GVariant) features = g_variant_lookup_value (ro_connection_get_peer_hello (peer->connection),
                                                         RO_HELLO_FEATURES, G_VARIANT_TYPE_STRING_ARRAY);
  g_autofree const char **strv = features != NULL ? g_variant_get_strv (features, NULL) : NULL;

  return strv != NULL && g_strv_contains (strv, RO_FEATURE_HELLO_ACQUIRE);
}

/* The sources wanted and not yet acquired ride with the hello of a new
 * connection: a host that takes them answers with their snapshots right
 * after `sources`, a round trip sooner, and leaves out the description
 * when it has the signature named. */
static void
acquire_in_hello (RoNode *self,
                  RoPeer *peer)
{
  RoNodePrivate *priv = ro_node_get_instance_private (self);
  GVariantBuilder b;
  GHashTableIter iter;
  gpointer value;
  gboolean any = FALSE;

  g_variant_builder_init (&b, G_VARIANT_TYPE ("a{ss}"));
  g_hash_table_iter_init (&iter, priv->remote_sources);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RoRemoteSource *source = value;

      if (source->peer != NULL)
        continue;
      g_variant_builder_add (&b, "{ss}", source->name, ro_remote_source_offer_known (source));
      source->peer = ro_peer_ref (peer);
      source->awaiting_snapshot = TRUE;
      any = TRUE;
    }

  if (any)
    ro_connection_add_hello_item (peer->connection, RO_HELLO_ACQUIRE, g_variant_builder_end (&b));
  else
    g_variant_builder_clear (&b);
}

static void
attach_source (RoNode         *self,
               RoRemoteSource *source,
               RoPeer         *peer)
{
  RoMessage *acquire = ro_message_new (RO_MESSAGE_ACQUIRE);

  source->peer = ro_peer_ref (peer);
  source->awaiting_snapshot = TRUE;
  acquire->name = g_strdup (source->name);
  ro_connection_send_take (peer->connection, acquire);
}

typedef struct
{
  GWeakRef node;
  GPtrArray *sources;   /* RoRemoteSource whose state to tell */
  GPtrArray *removed;   /* names the lost peer had announced */
  char *url;
} LossNotice;

static void
loss_notice_free (LossNotice *notice)
{
  g_weak_ref_clear (&notice->node);
  g_ptr_array_unref (notice->sources);
  g_ptr_array_unref (notice->removed);
  g_free (notice->url);
  g_free (notice);
}

static gboolean
loss_notice_cb (gpointer data)
{
  LossNotice *notice = data;
  g_autoptr(RoNode) node = g_weak_ref_get (&notice->node);

  if (node == NULL)
    return G_SOURCE_REMOVE;
  for (guint i = 0; i < notice->sources->len; i++)
    ro_remote_source_emit_state (g_ptr_array_index (notice->sources, i));
  for (guint i = 0; i < notice->removed->len; i++)
    g_signal_emit (node, signals[SIGNAL_REMOTE_OBJECT_REMOVED], 0,
                   g_ptr_array_index (notice->removed, i), notice->url);
  return G_SOURCE_REMOVE;
}

static void
peer_closed_cb (RoConnection *connection,
                const GError *error,
                gpointer      data)
{
  RoPeer *peer = data;
  RoNode *self = peer->node;
  RoNodePrivate *priv = ro_node_get_instance_private (self);
  g_autoptr(RoPeer) keep G_GNUC_UNUSED = ro_peer_ref (peer);
  g_autoptr(GObject) keep_node G_GNUC_UNUSED = g_object_ref (G_OBJECT (self));
  g_autoptr(GError) lost = NULL;
  LossNotice *notice;
  GHashTableIter iter;
  gpointer key, value;

  lost = g_error_new (RO_ERROR, RO_ERROR_DISCONNECTED, "The connection to %s was lost%s%s",
                      peer->url != NULL ? peer->url : ro_connection_get_peer_description (connection),
                      error != NULL ? ": " : "", error != NULL ? error->message : "");
  /* A broken protocol is worth a warning; a peer going away is not. */
  if (error != NULL && error->domain == RO_ERROR && error->code == RO_ERROR_PROTOCOL)
    g_warning ("%s", lost->message);
  else if (error != NULL && error->domain == RO_ERROR && error->code == RO_ERROR_TIMED_OUT)
    g_message ("%s", lost->message);
  else
    g_debug ("%s", lost->message);

  g_ptr_array_remove (priv->peers, peer);

  notice = g_new0 (LossNotice, 1);
  g_weak_ref_init (&notice->node, self);
  notice->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) ro_remote_source_unref);
  notice->removed = g_ptr_array_new_with_free_func (g_free);
  notice->url = g_strdup (peer->url != NULL ? peer->url : "");

  g_hash_table_iter_init (&iter, priv->remote_sources);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RoRemoteSource *source = value;

      if (source->peer != peer)
        continue;
      detach_source (self, source);
      g_ptr_array_add (notice->sources, ro_remote_source_ref (source));
    }

  g_hash_table_iter_init (&iter, peer->announced);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (notice->removed, g_strdup (key));
  g_hash_table_remove_all (peer->announced);

  fail_calls (peer, lost);

  if (RO_IS_HOST (self) && peer->serving)
    ro_host_peer_closed (RO_HOST (self), peer);
  if (peer->link != NULL)
    ro_link_peer_lost (peer->link);

  for (guint i = 0; i < notice->sources->len; i++)
    find_peer_for (self, g_ptr_array_index (notice->sources, i));

  /* Handlers run from the node's context, never inside a blocking wait. */
  {
    g_autoptr(GSource) idle = g_idle_source_new ();

    g_source_set_callback (idle, loss_notice_cb, notice, (GDestroyNotify) loss_notice_free);
    g_source_attach (idle, priv->context);
  }
}

static void
peer_ready_cb (RoConnection *connection,
               gpointer      data)
{
  RoPeer *peer = data;

  if (peer->link != NULL)
    ro_link_peer_ready (peer->link);
  if (RO_IS_HOST (peer->node) && peer->serving)
    ro_host_peer_ready (RO_HOST (peer->node), peer);
}

static void
peer_drained_cb (RoConnection *connection,
                 gpointer      data)
{
  RoPeer *peer = data;

  if (RO_IS_HOST (peer->node) && peer->serving)
    ro_host_peer_drained (RO_HOST (peer->node), peer);
}

static void
protocol_error (RoPeer       *peer,
                const GError *error)
{
  g_autoptr(GError) dropped = g_error_new (RO_ERROR, RO_ERROR_PROTOCOL, "Dropping %s: %s",
                                           ro_connection_get_peer_description (peer->connection),
                                           error->message);

  ro_connection_close (peer->connection, dropped);
}

/* The part of a host's message that changes state; no user code runs.
 * Returns FALSE, having dropped the peer, when the message breaks the
 * protocol. */
static gboolean
apply_message (RoNode    *self,
               RoPeer    *peer,
               RoMessage *message)
{
  RoNodePrivate *priv = ro_node_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  RoRemoteSource *source = message->name != NULL ? g_hash_table_lookup (priv->remote_sources, message->name) : NULL;
  /* Changes and signals sent for an earlier subscription may still arrive
   * after a new acquire; the snapshot supersedes them. */
  gboolean ours = source != NULL && source->peer == peer &&
                  (message->type == RO_MESSAGE_SNAPSHOT || !source->awaiting_snapshot);

  switch (message->type)
    {
    case RO_MESSAGE_SOURCES:
      {
        GVariantIter iter;
        const char *name, *iface, *signature;
        GHashTableIter it;
        gpointer value;
        gboolean takes;

        g_hash_table_remove_all (peer->announced);
        g_variant_iter_init (&iter, message->body);
        while (g_variant_iter_next (&iter, "(&s&s&s)", &name, &iface, &signature))
          g_hash_table_insert (peer->announced, g_strdup (name), g_strdup (signature));

        /* Our hello's acquisitions stand where the host takes them and
         * shares the name; the others are looked for again below. */
        takes = takes_hello_acquire (peer);
        g_hash_table_iter_init (&it, priv->remote_sources);
        while (g_hash_table_iter_next (&it, NULL, &value))
          {
            RoRemoteSource *pending = value;

            if (pending->peer == peer && pending->awaiting_snapshot &&
                !(takes && g_hash_table_contains (peer->announced, pending->name)))
              detach_source (self, pending);
          }

        g_hash_table_iter_init (&it, priv->remote_sources);
        while (g_hash_table_iter_next (&it, NULL, &value))
          if (((RoRemoteSource *) value)->peer == NULL)
            find_peer_for (self, value);
      }
      return TRUE;

    case RO_MESSAGE_SOURCE_ADDED:
      {
        const char *signature;

        g_variant_get (message->body, "(&s&s)", NULL, &signature);
        g_hash_table_insert (peer->announced, g_strdup (message->name), g_strdup (signature));
        if (source != NULL && source->peer == NULL)
          attach_source (self, source, peer);
      }
      return TRUE;

    case RO_MESSAGE_SOURCE_REMOVED:
      g_hash_table_remove (peer->announced, message->name);
      if (ours)
        {
          detach_source (self, source);
          find_peer_for (self, source);
        }
      return TRUE;

    case RO_MESSAGE_SNAPSHOT:
      if (!ours)
        return TRUE;
      if (!ro_remote_source_apply_snapshot (source, message->body, &error))
        {
          protocol_error (peer, error);
          return FALSE;
        }
      source->awaiting_snapshot = FALSE;
      if (priv->registry != NULL && ro_registry_client_is_for (priv->registry, source))
        ro_node_resolve_sources (self);
      /* Calls made before the first snapshot go out now, in order. */
      while (!g_queue_is_empty (&source->queued_calls))
        {
          RoCall *call = g_queue_pop_head (&source->queued_calls);

          call->queued_on = NULL;
          ro_call_send (call, peer);
        }
      return TRUE;

    case RO_MESSAGE_CHANGES:
      if (ours && !ro_remote_source_apply_changes (source, message->body, &error))
        {
          protocol_error (peer, error);
          return FALSE;
        }
      /* Hosts are found as soon as the registry lists them, even in a wait. */
      if (ours && priv->registry != NULL && ro_registry_client_is_for (priv->registry, source))
        ro_node_resolve_sources (self);
      return TRUE;

    default:
      return TRUE;
    }
}

static void
complete_waiters (RoRemoteSource *source)
{
  while (!g_queue_is_empty (&source->waiters) && source->state == RO_REPLICA_STATE_VALID)
    {
      g_autoptr(GTask) task = g_queue_pop_head (&source->waiters);
      GType type = ro_replica_type_for_info (source->info);
      RoReplica *replica = g_object_new (type, NULL);

      ro_replica_attach (replica, source->node, source, TRUE);
      g_task_return_pointer (task, replica, g_object_unref);
    }
}

/* The visible part of a host's message: signals of the node and replicas. */
static void
emit_message (RoNode    *self,
              RoPeer    *peer,
              RoMessage *message)
{
  RoNodePrivate *priv = ro_node_get_instance_private (self);
  RoRemoteSource *source = message->name != NULL ? g_hash_table_lookup (priv->remote_sources, message->name) : NULL;
  g_autoptr(RoRemoteSource) keep G_GNUC_UNUSED = source != NULL ? ro_remote_source_ref (source) : NULL;
  gboolean ours = source != NULL && source->peer == peer && !source->awaiting_snapshot;
  const char *url = peer->url != NULL ? peer->url : "";

  switch (message->type)
    {
    case RO_MESSAGE_SOURCES:
      {
        GVariantIter iter;
        const char *name;

        g_variant_iter_init (&iter, message->body);
        while (g_variant_iter_next (&iter, "(&s&s&s)", &name, NULL, NULL))
          g_signal_emit (self, signals[SIGNAL_REMOTE_OBJECT_ADDED], 0, name, url);
      }
      break;

    case RO_MESSAGE_SOURCE_ADDED:
      g_signal_emit (self, signals[SIGNAL_REMOTE_OBJECT_ADDED], 0, message->name, url);
      break;

    case RO_MESSAGE_SOURCE_REMOVED:
      g_signal_emit (self, signals[SIGNAL_REMOTE_OBJECT_REMOVED], 0, message->name, url);
      if (source != NULL)
        ro_remote_source_emit_state (source);
      break;

    case RO_MESSAGE_SNAPSHOT:
      if (ours && source->state == RO_REPLICA_STATE_VALID)
        {
          if (priv->registry != NULL && ro_registry_client_is_for (priv->registry, source))
            {
              ro_registry_client_register_all (priv->registry);
              ro_registry_client_update (priv->registry);
            }
          ro_remote_source_emit_snapshot (source);
          complete_waiters (source);
        }
      break;

    case RO_MESSAGE_CHANGES:
      if (ours)
        {
          if (priv->registry != NULL && ro_registry_client_is_for (priv->registry, source))
            ro_registry_client_update (priv->registry);
          ro_remote_source_emit_changes (source, message->body);
        }
      break;

    case RO_MESSAGE_SIGNAL:
      if (ours)
        {
          g_autoptr(GError) error = NULL;

          if (!ro_remote_source_check_signal (source, message->member, message->body, &error))
            protocol_error (peer, error);
          else
            ro_remote_source_emit_signal (source, message->member, message->body);
        }
      break;

    default:
      break;
    }
}

static void
complete_call (RoPeer    *peer,
               RoMessage *message)
{
  RoCall *call = g_hash_table_lookup (peer->calls, GUINT_TO_POINTER (message->serial));
  g_autoptr(GError) error = NULL;

  /* A reply to a call given up (cancelled, timed out) has no one to go to. */
  if (call == NULL)
    return;

  if (message->type == RO_MESSAGE_REPLY)
    {
      ro_call_complete (call, message->body, NULL);
      return;
    }

  {
    const char *domain, *text;
    gint32 code;

    g_variant_get (message->body, "(&si&s)", &domain, &code, &text);
    if (g_str_equal (domain, g_quark_to_string (RO_ERROR)) && code >= 0 && code <= RO_ERROR_REMOTE)
      error = g_error_new_literal (RO_ERROR, code, text);
    else
      error = g_error_new_literal (RO_ERROR, RO_ERROR_REMOTE, text);
  }
  ro_call_complete (call, NULL, error);
}

static void
refuse (RoPeer     *peer,
        RoMessage  *message,
        int         code,
        const char *text)
{
  RoMessage *reply;

  if (message->serial == 0 || (message->type != RO_MESSAGE_INVOKE && message->type != RO_MESSAGE_PUSH))
    {
      g_debug ("Ignoring “%s” from %s: %s", ro_message_type_to_string (message->type),
               ro_connection_get_peer_description (peer->connection), text);
      return;
    }

  reply = ro_message_new (RO_MESSAGE_ERROR);
  reply->serial = message->serial;
  reply->body = g_variant_ref_sink (g_variant_new ("(sis)", g_quark_to_string (RO_ERROR), code, text));
  ro_connection_send_take (peer->connection, reply);
}

static void
peer_message_cb (RoConnection *connection,
                 RoMessage    *message,
                 gboolean      applied,
                 gpointer      data)
{
  RoPeer *peer = data;
  RoNode *self = peer->node;

  switch (message->type)
    {
    case RO_MESSAGE_SOURCES:
    case RO_MESSAGE_SOURCE_ADDED:
    case RO_MESSAGE_SOURCE_REMOVED:
    case RO_MESSAGE_SNAPSHOT:
    case RO_MESSAGE_CHANGES:
    case RO_MESSAGE_SIGNAL:
      if (!applied && !apply_message (self, peer, message))
        return;
      emit_message (self, peer, message);
      break;

    case RO_MESSAGE_REPLY:
    case RO_MESSAGE_ERROR:
      complete_call (peer, message);
      break;

    case RO_MESSAGE_ACQUIRE:
    case RO_MESSAGE_RELEASE:
    case RO_MESSAGE_INVOKE:
    case RO_MESSAGE_CANCEL:
    case RO_MESSAGE_PUSH:
      if (peer->serving && RO_IS_HOST (self))
        ro_host_handle_message (RO_HOST (self), peer, message);
      else
        refuse (peer, message, RO_ERROR_NOT_FOUND, "This end of the connection shares no sources");
      break;

    case RO_MESSAGE_HELLO:
    case RO_MESSAGE_PING:
    case RO_MESSAGE_PONG:
    case RO_MESSAGE_N_TYPES:
    default:
      break;
    }
}

/* During a blocking wait: values are applied at once, replies to the
 * waiting call taken, everything else left for normal dispatch. */
static gboolean
peer_peek_cb (RoConnection *connection,
              RoMessage    *message,
              gboolean     *applied,
              gpointer      data)
{
  RoPeer *peer = data;

  switch (message->type)
    {
    case RO_MESSAGE_REPLY:
    case RO_MESSAGE_ERROR:
      {
        RoCall *call = g_hash_table_lookup (peer->calls, GUINT_TO_POINTER (message->serial));

        if (call == NULL || !call->sync)
          return FALSE;
        complete_call (peer, message);
        return TRUE;
      }

    case RO_MESSAGE_SOURCES:
    case RO_MESSAGE_SOURCE_ADDED:
    case RO_MESSAGE_SOURCE_REMOVED:
    case RO_MESSAGE_SNAPSHOT:
    case RO_MESSAGE_CHANGES:
      *applied = apply_message (peer->node, peer, message);
      return FALSE;

    default:
      return FALSE;
    }
}

static void
wait_attach (Wait         *wait,
             RoConnection *connection,
             RoPeer       *peer)
{
  if (g_ptr_array_find (wait->attached, connection, NULL))
    return;

  g_ptr_array_add (wait->attached, g_object_ref (connection));
  if (peer != NULL)
    ro_connection_set_peek (connection, peer_peek_cb, peer);
  ro_connection_attach (connection, wait->context);
}

RoPeer *
ro_node_add_peer (RoNode     *self,
                  GIOStream  *stream,
                  gboolean    serving,
                  const char *url,
                  GError    **error)
{
  RoNodePrivate *priv = ro_node_get_instance_private (self);
  static const RoConnectionHandlers handlers = { peer_ready_cb, peer_message_cb, peer_closed_cb, peer_drained_cb };
  RoConnection *connection;
  RoPeer *peer;

  peer = g_new0 (RoPeer, 1);
  g_atomic_ref_count_init (&peer->ref_count);

  g_main_context_push_thread_default (priv->context);
  connection = ro_connection_new (stream, serving, &handlers, peer, error);
  g_main_context_pop_thread_default (priv->context);
  if (connection == NULL)
    {
      g_free (peer);
      return NULL;
    }

  peer->node = self;
  peer->connection = connection;
  peer->serving = !!serving;
  peer->url = g_strdup (url);
  peer->announced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  peer->calls = g_hash_table_new (NULL, NULL);
  peer->invocations = g_hash_table_new (NULL, NULL);
  peer->subscriptions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_ptr_array_add (priv->peers, peer);

  ro_connection_set_heartbeat_interval (connection, priv->heartbeat_interval);
  ro_connection_set_max_frame_size (connection, priv->max_frame_size);
  if (serving)
    {
      static const char * const features[] = { RO_FEATURE_HELLO_ACQUIRE, NULL };

      ro_connection_add_hello_item (connection, RO_HELLO_FEATURES, g_variant_new_strv (features, -1));
    }
  else
    acquire_in_hello (self, peer);
  g_main_context_push_thread_default (priv->context);
  ro_connection_start (connection);
  g_main_context_pop_thread_default (priv->context);

  if (priv->wait != NULL)
    wait_attach (priv->wait, connection, peer);

  return peer;
}

static gboolean
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      data)
{
  return flag_cb (data);
}

static void
attach_local_peers (Wait         *wait,
                    GMainContext *context)
{
  for (guint i = 0; i < wait->attached->len; i++)
    {
      RoConnection *local = ro_connection_get_local_peer (g_ptr_array_index (wait->attached, i));

      if (local != NULL && ro_connection_get_context (local) == context)
        wait_attach (wait, local, NULL);
    }
}

gboolean
ro_node_wait (RoNode        *self,
              RoPeer        *peer,
              gint64         deadline,
              GCancellable  *cancellable,
              gboolean     (*done) (gpointer data),
              gpointer       data,
              GError       **error)
{
  RoNodePrivate *priv = ro_node_get_instance_private (self);
  g_autoptr(RoNode) keep G_GNUC_UNUSED = g_object_ref (self);
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSource) timeout = NULL;
  g_autoptr(GSource) cancel = NULL;
  Wait wait = { g_ptr_array_new_with_free_func (g_object_unref), context };
  Wait *outer = priv->wait;
  gboolean timed_out = FALSE, cancelled = FALSE, ok;

  g_main_context_push_thread_default (context);
  priv->wait = &wait;

  if (peer != NULL && !ro_connection_is_closed (peer->connection))
    wait_attach (&wait, peer->connection, peer);
  else
    {
      for (guint i = 0; i < priv->peers->len; i++)
        {
          RoPeer *p = g_ptr_array_index (priv->peers, i);

          wait_attach (&wait, p->connection, p);
        }
      for (guint i = 0; i < priv->links->len; i++)
        ro_link_attach (g_ptr_array_index (priv->links, i), context);
    }

  if (deadline >= 0)
    {
      gint64 left = MAX (deadline - g_get_monotonic_time (), 0);

      timeout = g_timeout_source_new ((guint) MIN (left / 1000, G_MAXUINT));
      g_source_set_callback (timeout, flag_cb, &timed_out, NULL);
      g_source_attach (timeout, context);
    }
  if (cancellable != NULL)
    {
      cancel = g_cancellable_source_new (cancellable);
      g_source_set_callback (cancel, (GSourceFunc) (GCallback) cancelled_cb, &cancelled, NULL);
      g_source_attach (cancel, context);
    }

  while (!(ok = done (data)) && !timed_out && !cancelled)
    {
      attach_local_peers (&wait, priv->context);
      g_main_context_iteration (context, TRUE);
    }

  if (timeout != NULL)
    g_source_destroy (timeout);
  if (cancel != NULL)
    g_source_destroy (cancel);

  for (guint i = 0; i < wait.attached->len; i++)
    {
      RoConnection *connection = g_ptr_array_index (wait.attached, i);

      ro_connection_set_peek (connection, NULL, NULL);
      ro_connection_attach (connection, outer != NULL ? outer->context : NULL);
    }
  for (guint i = 0; i < priv->links->len; i++)
    ro_link_attach (g_ptr_array_index (priv->links, i), outer != NULL ? outer->context : NULL);
  for (guint i = 0; i < wait.attached->len; i++)
    ro_connection_schedule_dispatch (g_ptr_array_index (wait.attached, i));

  priv->wait = outer;
  g_ptr_array_unref (wait.attached);
  g_main_context_pop_thread_default (context);

  if (ok)
    return TRUE;
  if (cancelled)
    g_cancellable_set_error_if_cancelled (cancellable, error);
  else
    g_set_error_literal (error, RO_ERROR, RO_ERROR_TIMED_OUT, "Timed out waiting for the source");
  return FALSE;
}

void
ro_node_dispatch_call (RoNode         *self,
                       RoRemoteSource *source,
                       RoCall         *call)
{
  if (source->state == RO_REPLICA_STATE_VALID && source->peer != NULL)
    {
      ro_call_send (call, source->peer);
      return;
    }

  if (source->state == RO_REPLICA_STATE_DEFAULT)
    {
      call->queued_on = source;
      g_queue_push_tail (&source->queued_calls, call);
      return;
    }

  {
    g_autoptr(GError) error = g_error_new (RO_ERROR, RO_ERROR_DISCONNECTED,
                                           "“%s” is not reachable: its host was lost", source->name);

    if (call->done == NULL)
      g_debug ("%s", error->message);
    ro_call_complete (call, NULL, error);
  }
}

RoRemoteSource *
ro_node_ref_remote_source (RoNode     *self,
                           const char *name)
{
  RoNodePrivate *priv = ro_node_get_instance_private (self);
  RoRemoteSource *source = g_hash_table_lookup (priv->remote_sources, name);

  if (source != NULL)
    return ro_remote_source_ref (source);

  source = ro_remote_source_new (self, name);
  g_hash_table_insert (priv->remote_sources, source->name, source);
  find_peer_for (self, source);
  return source;
}

void
ro_node_remote_source_gone (RoNode         *self,
                            RoRemoteSource *source)
{
  RoNodePrivate *priv = ro_node_get_instance_private (self);

  if (g_hash_table_lookup (priv->remote_sources, source->name) == source)
    g_hash_table_remove (priv->remote_sources, source->name);

  if (source->peer != NULL)
    {
      RoMessage *release = ro_message_new (RO_MESSAGE_RELEASE);

      release->name = g_strdup (source->name);
      ro_connection_send_take (source->peer->connection, release);
    }
}

static void
ro_node_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  RoNode *self = RO_NODE (object);
  RoNodePrivate *priv = ro_node_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_REGISTRY_URL:
      g_value_set_string (value, priv->registry_url);
      break;
    case PROP_HEARTBEAT_INTERVAL:
      g_value_set_uint (value, priv->heartbeat_interval);
      break;
    case PROP_MAX_FRAME_SIZE:
      g_value_set_uint (value, priv->max_frame_size);
      break;
    case PROP_TLS_CERTIFICATE:
      g_value_set_object (value, priv->tls.certificate);
      break;
    case PROP_TLS_DATABASE:
      g_value_set_object (value, priv->tls.database);
      break;
    case PROP_TLS_PINNED_CERTIFICATE:
      g_value_set_object (value, priv->tls.pinned);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ro_node_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  RoNode *self = RO_NODE (object);

  switch (prop_id)
    {
    case PROP_REGISTRY_URL:
      {
        g_autoptr(GError) error = NULL;

        if (g_value_get_string (value) != NULL &&
            !ro_node_set_registry_url (self, g_value_get_string (value), &error))
          g_warning ("%s", error->message);
      }
      break;
    case PROP_HEARTBEAT_INTERVAL:
      ro_node_set_heartbeat_interval (self, g_value_get_uint (value));
      break;
    case PROP_MAX_FRAME_SIZE:
      ro_node_set_max_frame_size (self, g_value_get_uint (value));
      break;
    case PROP_TLS_CERTIFICATE:
      ro_node_set_tls_certificate (self, g_value_get_object (value));
      break;
    case PROP_TLS_DATABASE:
      ro_node_set_tls_database (self, g_value_get_object (value));
      break;
    case PROP_TLS_PINNED_CERTIFICATE:
      ro_node_set_tls_pinned_certificate (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ro_node_dispose (GObject *object)
{
  RoNode *self = RO_NODE (object);
  RoNodePrivate *priv = ro_node_get_instance_private (self);
  GHashTableIter iter;
  gpointer value;

  g_clear_pointer (&priv->registry, ro_registry_client_free);
  g_ptr_array_set_size (priv->links, 0);

  g_hash_table_iter_init (&iter, priv->remote_sources);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RoRemoteSource *source = value;

      source->node = NULL;
      detach_source (self, source);
    }
  g_hash_table_remove_all (priv->remote_sources);

  /* Nothing is told any more: the node is going away. */
  while (priv->peers->len > 0)
    {
      g_autoptr(RoPeer) peer = g_ptr_array_steal_index (priv->peers, priv->peers->len - 1);
      g_autoptr(GError) error = g_error_new_literal (RO_ERROR, RO_ERROR_DISCONNECTED, "The node was disposed");

      ro_connection_clear_handlers (peer->connection);
      ro_connection_close (peer->connection, NULL);
      fail_calls (peer, error);
      if (RO_IS_HOST (self) && peer->serving)
        ro_host_peer_closed (RO_HOST (self), peer);
    }

  G_OBJECT_CLASS (ro_node_parent_class)->dispose (object);
}

static void
ro_node_finalize (GObject *object)
{
  RoNodePrivate *priv = ro_node_get_instance_private (RO_NODE (object));

  g_ptr_array_unref (priv->peers);
  g_ptr_array_unref (priv->links);
  g_hash_table_unref (priv->remote_sources);
  g_free (priv->registry_url);
  g_clear_object (&priv->tls.certificate);
  g_clear_object (&priv->tls.database);
  g_clear_object (&priv->tls.pinned);
  g_main_context_unref (priv->context);

  G_OBJECT_CLASS (ro_node_parent_class)->finalize (object);
}

static void
ro_node_class_init (RoNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ro_node_get_property;
  object_class->set_property = ro_node_set_property;
  object_class->dispose = ro_node_dispose;
  object_class->finalize = ro_node_finalize;

  /**
   * RoNode:registry-url:
   *
   * The URL of the registry the node finds sources through, or %NULL.
   */
  properties[PROP_REGISTRY_URL] =
    g_param_spec_string ("registry-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RoNode:heartbeat-interval:
   *
   * How often, in milliseconds, the node checks that its peers still
   * answer; a peer silent for two intervals is taken as lost. 0 turns the
   * heartbeat off.
   */
  properties[PROP_HEARTBEAT_INTERVAL] =
    g_param_spec_uint ("heartbeat-interval", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RoNode:max-frame-size:
   *
   * The largest frame, in bytes, that the node accepts from a peer; a peer
   * that sends a larger one is dropped. The default is 16 MiB.
   */
  properties[PROP_MAX_FRAME_SIZE] =
    g_param_spec_uint ("max-frame-size", NULL, NULL, 64, G_MAXUINT32, RO_DEFAULT_MAX_FRAME_SIZE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RoNode:tls-certificate:
   *
   * The certificate, with its private key, that this end shows in TLS
   * handshakes: a host's server certificate for `tls://` URLs, or a node's
   * client certificate for hosts that ask for one. See
   * g_tls_certificate_new_from_files().
   */
  properties[PROP_TLS_CERTIFICATE] =
    g_param_spec_object ("tls-certificate", NULL, NULL, G_TYPE_TLS_CERTIFICATE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RoNode:tls-database:
   *
   * The certificate authorities a node trusts when it connects to a
   * `tls://` URL, such as a g_tls_file_database_new() of your CA. %NULL
   * trusts the system's.
   */
  properties[PROP_TLS_DATABASE] =
    g_param_spec_object ("tls-database", NULL, NULL, G_TYPE_TLS_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RoNode:tls-pinned-certificate:
   *
   * When set, a node connecting to a `tls://` URL accepts exactly this
   * server certificate and no other, whoever signed it.
   */
  properties[PROP_TLS_PINNED_CERTIFICATE] =
    g_param_spec_object ("tls-pinned-certificate", NULL, NULL, G_TYPE_TLS_CERTIFICATE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RoNode::remote-object-added:
   * @node: the node
   * @name: the name of the source
   * @url: the URL of the host that shares it, or "" for a stream the
   *   application gave
   *
   * Emitted when the node learns that a source is shared.
   */
  signals[SIGNAL_REMOTE_OBJECT_ADDED] =
    g_signal_new ("remote-object-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  G_STRUCT_OFFSET (RoNodeClass, remote_object_added), NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * RoNode::remote-object-removed:
   * @node: the node
   * @name: the name of the source
   * @url: the URL of the host that shared it, or ""
   *
   * Emitted when a source the node knew of is withdrawn or its host is lost.
   */
  signals[SIGNAL_REMOTE_OBJECT_REMOVED] =
    g_signal_new ("remote-object-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  G_STRUCT_OFFSET (RoNodeClass, remote_object_removed), NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
ro_node_init (RoNode *self)
{
  RoNodePrivate *priv = ro_node_get_instance_private (self);

  priv->context = g_main_context_ref_thread_default ();
  priv->max_frame_size = RO_DEFAULT_MAX_FRAME_SIZE;
  priv->peers = g_ptr_array_new_with_free_func ((GDestroyNotify) ro_peer_unref);
  priv->links = g_ptr_array_new_with_free_func ((GDestroyNotify) ro_link_free);
  priv->remote_sources = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * ro_node_new:
 *
 * Creates a node bound to the thread-default main context.
 *
 * Returns: (transfer full): a new #RoNode
 */
RoNode *
ro_node_new (void)
{
  return g_object_new (RO_TYPE_NODE, NULL);
}

/**
 * ro_node_connect_to_node:
 * @node: a #RoNode
 * @url: the URL of a host, such as `local:printer` or `tcp://127.0.0.1:5000`
 * @error: return location for a #GError
 *
 * Connects to the host at @url in the background and keeps connecting after
 * a loss, with a back-off from 100 ms to 5 s. The URL is checked at once;
 * this does not block. Connecting twice to one URL is harmless.
 *
 * Returns: %TRUE, or %FALSE with %RO_ERROR_INVALID_URL
 */
gboolean
ro_node_connect_to_node (RoNode      *node,
                         const char  *url,
                         GError     **error)
{
  RoNodePrivate *priv;
  g_autoptr(RoUrl) parsed = NULL;
  g_autofree char *canonical = NULL;
  RoLink *link;

  g_return_val_if_fail (RO_IS_NODE (node), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  priv = ro_node_get_instance_private (node);
  parsed = ro_url_parse (url, error);
  if (parsed == NULL)
    return FALSE;

  canonical = ro_url_to_string (parsed);
  for (guint i = 0; i < priv->links->len; i++)
    if (g_str_equal (ro_link_get_url (g_ptr_array_index (priv->links, i)), canonical))
      return TRUE;

  link = ro_link_new (node, canonical, error);
  if (link == NULL)
    return FALSE;
  g_ptr_array_add (priv->links, link);
  /* A link made during a blocking wait (a host found through the registry)
   * is served by it. */
  if (priv->wait != NULL)
    ro_link_attach (link, priv->wait->context);
  return TRUE;
}

/**
 * ro_node_set_registry_url:
 * @node: a #RoNode
 * @url: the URL of a [class@Ro.RegistryHost]
 * @error: return location for a #GError
 *
 * Connects to a registry, through which the node finds sources by name: a
 * replica acquired by name alone is connected to the host the registry
 * lists for it, and [signal@Ro.Node::remote-object-added] and
 * [signal@Ro.Node::remote-object-removed] tell of the sources registered.
 * A [class@Ro.Host] also registers each source it shares, again after the
 * registry restarts. The URL is checked at once; this does not block.
 *
 * Returns: %TRUE, or %FALSE with %RO_ERROR_INVALID_URL
 */
gboolean
ro_node_set_registry_url (RoNode      *node,
                          const char  *url,
                          GError     **error)
{
  RoNodePrivate *priv;
  RoRegistryClient *registry;

  g_return_val_if_fail (RO_IS_NODE (node), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  priv = ro_node_get_instance_private (node);
  if (g_strcmp0 (priv->registry_url, url) == 0)
    return TRUE;
  registry = ro_registry_client_new (node, url, error);
  if (registry == NULL)
    return FALSE;

  g_clear_pointer (&priv->registry, ro_registry_client_free);
  priv->registry = registry;
  g_free (priv->registry_url);
  priv->registry_url = g_strdup (url);
  ro_node_resolve_sources (node);
  g_object_notify_by_pspec (G_OBJECT (node), properties[PROP_REGISTRY_URL]);
  return TRUE;
}

/**
 * ro_node_get_registry_url:
 * @node: a #RoNode
 *
 * Gets the URL set with [method@Ro.Node.set_registry_url].
 *
 * Returns: (nullable): the registry URL, or %NULL
 */
const char *
ro_node_get_registry_url (RoNode *node)
{
  RoNodePrivate *priv;

  g_return_val_if_fail (RO_IS_NODE (node), NULL);

  priv = ro_node_get_instance_private (node);
  return priv->registry_url;
}

/**
 * ro_node_add_client_side_connection:
 * @node: a #RoNode
 * @stream: a connected stream whose other end is given to
 *   [method@Ro.Host.add_host_side_connection]; its input and output must be
 *   pollable (sockets, pipes and TLS connections are)
 * @error: return location for a #GError
 *
 * Uses a connection the application made (a TLS connection, a pipe, a
 * serial line...) to reach a host. It is not remade when lost.
 *
 * Returns: %TRUE, or %FALSE if the stream cannot be used
 */
gboolean
ro_node_add_client_side_connection (RoNode     *node,
                                    GIOStream  *stream,
                                    GError    **error)
{
  g_return_val_if_fail (RO_IS_NODE (node), FALSE);
  g_return_val_if_fail (G_IS_IO_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return ro_node_add_peer (node, stream, FALSE, NULL, error) != NULL;
}

/**
 * ro_node_acquire:
 * @node: a #RoNode
 * @replica_type: a subclass of [class@Ro.Replica], such as one generated by
 *   `ro-repc`
 * @name: the name the source is shared under
 *
 * Acquires a typed replica of the source @name. It is returned at once,
 * %RO_REPLICA_STATE_DEFAULT until the source's snapshot arrives (or VALID at
 * once if another replica of @name in this node already has it; its
 * [signal@Ro.Replica::initialized] is still emitted, from an idle).
 *
 * ```c
 * g_autoptr(RoReplica) thermostat =
 *   ro_node_acquire (node, MY_TYPE_THERMOSTAT_REPLICA, "Thermostat");
 *
 * g_signal_connect (thermostat, "initialized", G_CALLBACK (thermostat_ready_cb), self);
 * ```
 *
 * Bindings pass the type of their subclass, such as `MyReplica.__gtype__`
 * in Python or `typeof (MyReplica)` in Vala.
 *
 * Returns: (transfer full): the replica, an instance of @replica_type
 */
RoReplica *
ro_node_acquire (RoNode     *node,
                 GType       replica_type,
                 const char *name)
{
  g_autoptr(RoRemoteSource) source = NULL;
  RoReplica *replica;

  g_return_val_if_fail (RO_IS_NODE (node), NULL);
  g_return_val_if_fail (g_type_is_a (replica_type, RO_TYPE_REPLICA), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  source = ro_node_ref_remote_source (node, name);
  replica = g_object_new (replica_type, NULL);
  ro_replica_attach (replica, node, source, FALSE);
  return replica;
}

/**
 * ro_node_acquire_dynamic:
 * @node: a #RoNode
 * @name: the name the source is shared under
 *
 * Acquires a plain [class@Ro.Replica] of the source @name, used through
 * the generic accessors such as [method@Ro.Replica.get_value]. It is
 * returned at once, as with [method@Ro.Node.acquire].
 *
 * Returns: (transfer full): the replica
 */
RoReplica *
ro_node_acquire_dynamic (RoNode     *node,
                         const char *name)
{
  g_return_val_if_fail (RO_IS_NODE (node), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return ro_node_acquire (node, RO_TYPE_REPLICA, name);
}

typedef struct
{
  RoRemoteSource *source;
  GCancellable *cancellable;
  gulong cancelled_id;
  GSource *idle;
} AcquireData;

static void
acquire_data_free (AcquireData *data)
{
  if (data->cancelled_id != 0)
    g_cancellable_disconnect (data->cancellable, data->cancelled_id);
  if (data->idle != NULL)
    {
      g_source_destroy (data->idle);
      g_source_unref (data->idle);
    }
  g_clear_object (&data->cancellable);
  ro_remote_source_unref (data->source);
  g_free (data);
}

static gboolean
acquire_cancelled_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  AcquireData *data = g_task_get_task_data (task);
  GList *link = g_queue_find (&data->source->waiters, task);

  if (link != NULL)
    {
      g_autoptr(GTask) owned = link->data;
      g_autoptr(GError) error = NULL;

      g_queue_delete_link (&data->source->waiters, link);
      g_cancellable_set_error_if_cancelled (data->cancellable, &error);
      g_task_return_error (owned, g_steal_pointer (&error));
    }
  return G_SOURCE_REMOVE;
}

static void
acquire_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  GTask *task = user_data;
  AcquireData *data = g_task_get_task_data (task);

  if (data->idle != NULL)
    return;
  data->idle = g_idle_source_new ();
  g_source_set_callback (data->idle, acquire_cancelled_idle_cb, task, NULL);
  g_source_attach (data->idle, g_task_get_context (task));
}

/**
 * ro_node_acquire_async:
 * @node: a #RoNode
 * @name: the name the source is shared under
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the replica is valid
 * @user_data: (closure): data for @callback
 *
 * Acquires a replica of @name and completes once the source was found and
 * its snapshot arrived. The replica is an instance of a type registered at
 * run time from the source's interface (one per interface signature): it
 * has GObject properties and signals named as the source's, so
 * `g_object_bind_property()` and `notify::` work on it.
 *
 * Cancelling gives %G_IO_ERROR_CANCELLED.
 *
 * ```c
 * static void
 * acquired_cb (GObject      *node,
 *              GAsyncResult *result,
 *              gpointer      user_data)
 * {
 *   MyApp *self = user_data;
 *   g_autoptr(GError) error = NULL;
 *
 *   self->thermostat = ro_node_acquire_finish (RO_NODE (node), result, &error);
 *   if (self->thermostat == NULL)
 *     {
 *       g_warning ("No thermostat: %s", error->message);
 *       return;
 *     }
 *
 *   g_signal_connect (self->thermostat, "notify::temperature",
 *                     G_CALLBACK (temperature_changed_cb), self);
 * }
 *
 * ro_node_acquire_async (node, "Thermostat", self->cancellable, acquired_cb, self);
 * ```
 *
 * The same from Python:
 *
 * ```python
 * def acquired_cb(node, result):
 *     thermostat = node.acquire_finish(result)
 *     print(thermostat.props.temperature)
 *     thermostat.connect('notify::temperature', temperature_changed_cb)
 *
 * node.acquire_async('Thermostat', None, acquired_cb)
 * ```
 */
void
ro_node_acquire_async (RoNode              *node,
                       const char          *name,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AcquireData *data;

  g_return_if_fail (RO_IS_NODE (node));
  g_return_if_fail (name != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (node, cancellable, callback, user_data);
  g_task_set_source_tag (task, ro_node_acquire_async);

  data = g_new0 (AcquireData, 1);
  data->source = ro_node_ref_remote_source (node, name);
  g_task_set_task_data (task, data, (GDestroyNotify) acquire_data_free);
  g_queue_push_tail (&data->source->waiters, g_object_ref (task));

  if (cancellable != NULL)
    {
      data->cancellable = g_object_ref (cancellable);
      data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (acquire_cancelled_cb), task, NULL);
    }

  complete_waiters (data->source);
}

/**
 * ro_node_acquire_finish:
 * @node: a #RoNode
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Gets the replica acquired by [method@Ro.Node.acquire_async].
 *
 * Returns: (transfer full): the replica, or %NULL on error
 */
RoReplica *
ro_node_acquire_finish (RoNode        *node,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (RO_IS_NODE (node), NULL);
  g_return_val_if_fail (g_task_is_valid (result, node), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ro_node_set_heartbeat_interval:
 * @node: a #RoNode
 * @interval_ms: the interval in milliseconds, or 0 to turn the heartbeat off
 *
 * Sets [property@Ro.Node:heartbeat-interval] for every connection of the
 * node, current and future.
 */
void
ro_node_set_heartbeat_interval (RoNode *node,
                                guint   interval_ms)
{
  RoNodePrivate *priv;

  g_return_if_fail (RO_IS_NODE (node));

  priv = ro_node_get_instance_private (node);
  if (priv->heartbeat_interval == interval_ms)
    return;

  priv->heartbeat_interval = interval_ms;
  for (guint i = 0; i < priv->peers->len; i++)
    ro_connection_set_heartbeat_interval (((RoPeer *) g_ptr_array_index (priv->peers, i))->connection,
                                          interval_ms);
  g_object_notify_by_pspec (G_OBJECT (node), properties[PROP_HEARTBEAT_INTERVAL]);
}

/**
 * ro_node_get_heartbeat_interval:
 * @node: a #RoNode
 *
 * Gets [property@Ro.Node:heartbeat-interval].
 *
 * Returns: the heartbeat interval in milliseconds, 0 when off
 */
guint
ro_node_get_heartbeat_interval (RoNode *node)
{
  RoNodePrivate *priv;

  g_return_val_if_fail (RO_IS_NODE (node), 0);

  priv = ro_node_get_instance_private (node);
  return priv->heartbeat_interval;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * ro_node_set_max_frame_size:
 * @node: a #RoNode
 * @max_frame_size: the largest frame accepted from a peer, in bytes (at
 *   least 64)
 *
 * Sets [property@Ro.Node:max-frame-size] for every connection of the node,
 * current and future.
 */
void
ro_node_set_max_frame_size (RoNode *node,
                            guint   max_frame_size)
{
  RoNodePrivate *priv;

  g_return_if_fail (RO_IS_NODE (node));
  g_return_if_fail (max_frame_size >= 64);

  priv = ro_node_get_instance_private (node);
  if (priv->max_frame_size == max_frame_size)
    return;

  priv->max_frame_size = max_frame_size;
  for (guint i = 0; i < priv->peers->len; i++)
    ro_connection_set_max_frame_size (((RoPeer *) g_ptr_array_index (priv->peers, i))->connection,
                                      max_frame_size);
  g_object_notify_by_pspec (G_OBJECT (node), properties[PROP_MAX_FRAME_SIZE]);
}

/**
 * ro_node_get_max_frame_size:
 * @node: a #RoNode
 *
 * Gets [property@Ro.Node:max-frame-size].
 *
 * Returns: the largest frame accepted from a peer, in bytes
 */
guint
ro_node_get_max_frame_size (RoNode *node)
{
  RoNodePrivate *priv;

  g_return_val_if_fail (RO_IS_NODE (node), 0);

  priv = ro_node_get_instance_private (node);
  return priv->max_frame_size;
}

const RoTlsSettings *
ro_node_get_tls_settings (RoNode *self)
{
  RoNodePrivate *priv = ro_node_get_instance_private (self);

  return &priv->tls;
}

static void
set_tls_object (RoNode      *self,
                gpointer    *field,
                gpointer     object,
                GParamSpec  *pspec)
{
  if (g_set_object ((GObject **) field, object))
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

/**
 * ro_node_set_tls_certificate:
 * @node: a #RoNode
 * @certificate: (nullable): a certificate with its private key
 *
 * Sets [property@Ro.Node:tls-certificate]. It applies to connections made
 * from now on.
 */
void
ro_node_set_tls_certificate (RoNode          *node,
                             GTlsCertificate *certificate)
{
  RoNodePrivate *priv;

  g_return_if_fail (RO_IS_NODE (node));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));

  priv = ro_node_get_instance_private (node);
  set_tls_object (node, (gpointer *) &priv->tls.certificate, certificate, properties[PROP_TLS_CERTIFICATE]);
}

/**
 * ro_node_set_tls_database:
 * @node: a #RoNode
 * @database: (nullable): the certificate authorities to trust, or %NULL for
 *   the system's
 *
 * Sets [property@Ro.Node:tls-database]. It applies to connections made from
 * now on.
 */
void
ro_node_set_tls_database (RoNode       *node,
                          GTlsDatabase *database)
{
  RoNodePrivate *priv;

  g_return_if_fail (RO_IS_NODE (node));
  g_return_if_fail (database == NULL || G_IS_TLS_DATABASE (database));

  priv = ro_node_get_instance_private (node);
  set_tls_object (node, (gpointer *) &priv->tls.database, database, properties[PROP_TLS_DATABASE]);
}

/**
 * ro_node_set_tls_pinned_certificate:
 * @node: a #RoNode
 * @certificate: (nullable): the only server certificate to accept, or %NULL
 *
 * Sets [property@Ro.Node:tls-pinned-certificate]. It applies to
 * connections made from now on.
 */
void
ro_node_set_tls_pinned_certificate (RoNode          *node,
                                    GTlsCertificate *certificate)
{
  RoNodePrivate *priv;

  g_return_if_fail (RO_IS_NODE (node));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));

  priv = ro_node_get_instance_private (node);
  set_tls_object (node, (gpointer *) &priv->tls.pinned, certificate, properties[PROP_TLS_PINNED_CERTIFICATE]);
}

/**
 * ro_node_list_remote_objects:
 * @node: a #RoNode
 *
 * Lists the sources shared by the hosts the node is connected to.
 *
 * Returns: (transfer full) (array zero-terminated=1): the names, sorted
 */
char **
ro_node_list_remote_objects (RoNode *node)
{
  RoNodePrivate *priv;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  g_return_val_if_fail (RO_IS_NODE (node), NULL);

  priv = ro_node_get_instance_private (node);
  for (guint i = 0; i < priv->peers->len; i++)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, ((RoPeer *) g_ptr_array_index (priv->peers, i))->announced);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (g_hash_table_add (names, key))
          g_ptr_array_add (list, g_strdup (key));
    }
  g_ptr_array_sort (list, compare_names);
  g_ptr_array_add (list, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&list), FALSE);
}
