/* ro-host.c: a node that listens on an address and shares sources
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * RoHost:
 *
 * A host is a [class@Ro.Node] that listens on an address and shares
 * GObjects, its sources, with the replicas of other nodes.
 *
 * ```c
 * g_autoptr(RoHost) host = ro_host_new ("local:thermostat", &error);
 *
 * ro_host_enable_remoting (host, G_OBJECT (thermostat), "Thermostat", &error);
 * ```
 *
 * Any GObject can be shared, with no code generation: its readable
 * properties are replicated, its signals forwarded, and its action signals
 * become methods (see [struct@Ro.InterfaceInfo] for the rules).
 *
 * URLs: `local:NAME` (a socket in the user's runtime directory),
 * `localabstract:NAME` (a Linux abstract socket), `unix:/absolute/path` and
 * `tcp://HOST:PORT`, where port 0 picks a free port that
 * [method@Ro.Host.get_url] reports. Unix socket files are private to the
 * user and removed when the host goes away.
 *
 * A host belongs to the main context that was thread-default when it was
 * created.
 */

#include "config.h"

#include <string.h>

#include "ro-interface-info-private.h"
#include "ro-invocation-private.h"
#include "ro-listener.h"
#include "ro-registry-client.h"
#include "ro-source-adapter.h"

typedef struct
{
  char *url;
  RoListener *listener;
  GHashTable *adapters;   /* name -> RoSourceAdapter */
} RoHostPrivate;

static void ro_host_initable_iface_init (GInitableIface *iface);

G_DEFINE_TYPE_WITH_CODE (RoHost, ro_host, RO_TYPE_NODE,
                         G_ADD_PRIVATE (RoHost)
                         G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, ro_host_initable_iface_init))

/* Hosts of this process by bound URL: a node of the same context reaches
 * them over a socketpair, which a blocking wait can serve (see ro-link.c). */
G_LOCK_DEFINE_STATIC (local_hosts);
static GHashTable *local_hosts;

RoHost *
ro_host_lookup_local (const char   *url,
                      GMainContext *context)
{
  RoHost *host;

  G_LOCK (local_hosts);
  host = local_hosts != NULL ? g_hash_table_lookup (local_hosts, url) : NULL;
  if (host != NULL && ro_node_get_context (RO_NODE (host)) == context)
    g_object_ref (host);
  else
    host = NULL;
  G_UNLOCK (local_hosts);
  return host;
}

enum {
  PROP_0,
  PROP_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
incoming_cb (RoListener        *listener,
             GSocketConnection *connection,
             gpointer           data)
{
  RoHost *self = data;
  g_autoptr(GError) error = NULL;

  if (ro_node_add_peer (RO_NODE (self), G_IO_STREAM (connection), TRUE, NULL, &error) == NULL)
    g_warning ("Refusing a connection: %s", error->message);
}

static gboolean
ro_host_initable_init (GInitable     *initable,
                       GCancellable  *cancellable,
                       GError       **error)
{
  RoHost *self = RO_HOST (initable);
  RoHostPrivate *priv = ro_host_get_instance_private (self);

  if (priv->url == NULL)
    return TRUE;

  g_main_context_push_thread_default (ro_node_get_context (RO_NODE (self)));
  priv->listener = ro_listener_new (priv->url, error);
  g_main_context_pop_thread_default (ro_node_get_context (RO_NODE (self)));
  if (priv->listener == NULL)
    return FALSE;

  g_signal_connect_object (priv->listener, "incoming", G_CALLBACK (incoming_cb), self, 0);

  G_LOCK (local_hosts);
  if (local_hosts == NULL)
    local_hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_replace (local_hosts, g_strdup (ro_listener_get_url (priv->listener)), self);
  G_UNLOCK (local_hosts);
  return TRUE;
}

static void
ro_host_initable_iface_init (GInitableIface *iface)
{
  iface->init = ro_host_initable_init;
}

static void
ro_host_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, ro_host_get_url (RO_HOST (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ro_host_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  RoHostPrivate *priv = ro_host_get_instance_private (RO_HOST (object));

  switch (prop_id)
    {
    case PROP_URL:
      priv->url = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ro_host_dispose (GObject *object)
{
  RoHostPrivate *priv = ro_host_get_instance_private (RO_HOST (object));

  if (priv->listener != NULL)
    {
      const char *url = ro_listener_get_url (priv->listener);

      G_LOCK (local_hosts);
      if (g_hash_table_lookup (local_hosts, url) == object)
        g_hash_table_remove (local_hosts, url);
      G_UNLOCK (local_hosts);
      ro_listener_close (priv->listener);
    }
  g_clear_object (&priv->listener);
  g_hash_table_remove_all (priv->adapters);

  G_OBJECT_CLASS (ro_host_parent_class)->dispose (object);
}

static void
ro_host_finalize (GObject *object)
{
  RoHostPrivate *priv = ro_host_get_instance_private (RO_HOST (object));

  g_hash_table_unref (priv->adapters);
  g_free (priv->url);

  G_OBJECT_CLASS (ro_host_parent_class)->finalize (object);
}

static void
ro_host_class_init (RoHostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ro_host_get_property;
  object_class->set_property = ro_host_set_property;
  object_class->dispose = ro_host_dispose;
  object_class->finalize = ro_host_finalize;

  /**
   * RoHost:url:
   *
   * The URL the host listens on; once listening, the bound URL (with the
   * real port for `tcp://…:0`). %NULL for a host that only takes streams
   * given with [method@Ro.Host.add_host_side_connection].
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ro_host_init (RoHost *self)
{
  RoHostPrivate *priv = ro_host_get_instance_private (self);

  priv->adapters = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) ro_source_adapter_free);
}

/**
 * ro_host_new:
 * @url: (nullable): the URL to listen on, or %NULL for a host that only
 *   takes streams given with [method@Ro.Host.add_host_side_connection]
 * @error: return location for a #GError
 *
 * Creates a host listening at @url at once, on the thread-default main
 * context.
 *
 * Returns: (transfer full) (nullable): the host, or %NULL with
 *   %RO_ERROR_INVALID_URL or %RO_ERROR_ADDRESS_IN_USE
 */
RoHost *
ro_host_new (const char  *url,
             GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (RO_TYPE_HOST, NULL, error, "url", url, NULL);
}

/**
 * ro_host_get_url:
 * @host: a #RoHost
 *
 * Gets the URL the host listens on, with the port the system chose when it
 * was created with port 0. Give this URL to
 * [method@Ro.Node.connect_to_node] in the processes that acquire replicas.
 *
 * Returns: (nullable): the bound URL, such as `tcp://127.0.0.1:41234` for
 *   `tcp://127.0.0.1:0`, or %NULL for a host without one
 */
const char *
ro_host_get_url (RoHost *host)
{
  RoHostPrivate *priv;

  g_return_val_if_fail (RO_IS_HOST (host), NULL);

  priv = ro_host_get_instance_private (host);
  return priv->listener != NULL ? ro_listener_get_url (priv->listener) : NULL;
}

static void
announce (RoHost          *self,
          const RoMessage *message)
{
  GPtrArray *peers = ro_node_get_peers (RO_NODE (self));

  for (guint i = 0; i < peers->len; i++)
    {
      RoPeer *peer = g_ptr_array_index (peers, i);

      if (peer->serving && ro_connection_is_ready (peer->connection))
        ro_connection_send (peer->connection, message);
    }
}

/**
 * ro_host_enable_remoting:
 * @host: a #RoHost
 * @object: the object to share
 * @name: (nullable): the name to share it under, or %NULL for its type name
 * @error: return location for a #GError
 *
 * Shares @object as a source. Replicas acquired under @name, before or
 * after this call, follow it. The host keeps a reference on @object until
 * [method@Ro.Host.disable_remoting] or its disposal.
 *
 * Returns: %TRUE, or %FALSE with %RO_ERROR_FAILED if @name is already in
 *   use
 */
gboolean
ro_host_enable_remoting (RoHost      *host,
                         GObject     *object,
                         const char  *name,
                         GError     **error)
{
  RoHostPrivate *priv;
  RoSourceAdapter *adapter;
  g_autoptr(RoMessage) added = NULL;
  RoInterfaceInfo *info;

  g_return_val_if_fail (RO_IS_HOST (host), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (object), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  priv = ro_host_get_instance_private (host);
  if (name == NULL)
    name = G_OBJECT_TYPE_NAME (object);

  if (name[0] == '\0' || strlen (name) > RO_INTERFACE_MAX_NAME_LENGTH || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, RO_ERROR, RO_ERROR_INVALID_ARGUMENTS,
                   "A source name must be 1 to %d bytes of UTF-8", RO_INTERFACE_MAX_NAME_LENGTH);
      return FALSE;
    }

  if (g_hash_table_contains (priv->adapters, name))
    {
      g_set_error (error, RO_ERROR, RO_ERROR_FAILED,
                   "A source named “%s” is already shared by this host", name);
      return FALSE;
    }

  adapter = ro_source_adapter_new (host, object, name, error);
  if (adapter == NULL)
    return FALSE;
  g_hash_table_insert (priv->adapters, (gpointer) ro_source_adapter_get_name (adapter), adapter);

  info = ro_source_adapter_get_info (adapter);
  added = ro_message_new (RO_MESSAGE_SOURCE_ADDED);
  added->name = g_strdup (name);
  added->body = g_variant_ref_sink (g_variant_new ("(ss)", ro_interface_info_get_name (info),
                                                   ro_interface_info_get_signature (info)));
  announce (host, added);

  if (ro_node_get_registry_client (RO_NODE (host)) != NULL)
    ro_registry_client_source_enabled (ro_node_get_registry_client (RO_NODE (host)), name,
                                       ro_interface_info_get_signature (info));
  if (RO_IS_REGISTRY_HOST (host))
    ro_registry_host_source_changed (RO_REGISTRY_HOST (host), name, ro_interface_info_get_signature (info));
  return TRUE;
}

/**
 * ro_host_disable_remoting:
 * @host: a #RoHost
 * @name: the name of a source shared by @host
 *
 * Withdraws a source. Its replicas go %RO_REPLICA_STATE_SUSPECT, and come
 * back to VALID if a source is shared under @name again.
 *
 * Returns: %TRUE if a source named @name was shared
 */
gboolean
ro_host_disable_remoting (RoHost     *host,
                          const char *name)
{
  RoHostPrivate *priv;
  GPtrArray *peers;
  g_autoptr(RoMessage) removed = NULL;

  g_return_val_if_fail (RO_IS_HOST (host), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  priv = ro_host_get_instance_private (host);
  if (!g_hash_table_remove (priv->adapters, name))
    return FALSE;

  peers = ro_node_get_peers (RO_NODE (host));
  for (guint i = 0; i < peers->len; i++)
    g_hash_table_remove (((RoPeer *) g_ptr_array_index (peers, i))->subscriptions, name);

  removed = ro_message_new (RO_MESSAGE_SOURCE_REMOVED);
  removed->name = g_strdup (name);
  announce (host, removed);

  if (ro_node_get_registry_client (RO_NODE (host)) != NULL)
    ro_registry_client_source_disabled (ro_node_get_registry_client (RO_NODE (host)), name);
  if (RO_IS_REGISTRY_HOST (host))
    ro_registry_host_source_changed (RO_REGISTRY_HOST (host), name, NULL);
  return TRUE;
}

/**
 * ro_host_add_host_side_connection:
 * @host: a #RoHost
 * @stream: a connected stream whose other end is given to
 *   [method@Ro.Node.add_client_side_connection]; its input and output must
 *   be pollable
 * @error: return location for a #GError
 *
 * Serves the host's sources on a connection the application made, such as
 * a TLS connection or a pipe.
 *
 * Returns: %TRUE, or %FALSE if the stream cannot be used
 */
gboolean
ro_host_add_host_side_connection (RoHost     *host,
                                  GIOStream  *stream,
                                  GError    **error)
{
  g_return_val_if_fail (RO_IS_HOST (host), FALSE);
  g_return_val_if_fail (G_IS_IO_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return ro_node_add_peer (RO_NODE (host), stream, TRUE, NULL, error) != NULL;
}

GVariant *
ro_host_describe_sources (RoHost *self)
{
  RoHostPrivate *priv = ro_host_get_instance_private (self);
  GVariantBuilder b;
  GHashTableIter iter;
  gpointer value;

  g_variant_builder_init (&b, G_VARIANT_TYPE ("a(sss)"));
  g_hash_table_iter_init (&iter, priv->adapters);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RoInterfaceInfo *info = ro_source_adapter_get_info (value);

      g_variant_builder_add (&b, "(sss)", ro_source_adapter_get_name (value),
                             ro_interface_info_get_name (info), ro_interface_info_get_signature (info));
    }
  return g_variant_ref_sink (g_variant_builder_end (&b));
}

void
ro_host_peer_ready (RoHost *self,
                    RoPeer *peer)
{
  g_autoptr(RoMessage) sources = ro_message_new (RO_MESSAGE_SOURCES);

  sources->body = ro_host_describe_sources (self);
  ro_connection_send (peer->connection, sources);
}

void
ro_host_peer_closed (RoHost *self,
                     RoPeer *peer)
{
  RoHostPrivate *priv = ro_host_get_instance_private (self);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, priv->adapters);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ro_source_adapter_unsubscribe (value, peer);
  g_hash_table_remove_all (peer->subscriptions);
  if (RO_IS_REGISTRY_HOST (self))
    ro_registry_host_peer_closed (RO_REGISTRY_HOST (self), peer);

  /* The caller is gone: tell every handler still working for it. */
  while (g_hash_table_size (peer->invocations) > 0)
    {
      g_hash_table_iter_init (&iter, peer->invocations);
      g_hash_table_iter_next (&iter, NULL, &value);
      g_hash_table_iter_remove (&iter);
      ro_invocation_cancel (value);
    }
}

void
ro_host_send_reply (RoHost       *self,
                    RoPeer       *peer,
                    guint32       serial,
                    GVariant     *result,
                    const GError *error)
{
  RoHostPrivate *priv = ro_host_get_instance_private (self);
  g_autoptr(RoMessage) reply = NULL;
  GHashTableIter iter;
  gpointer value;

  if (serial == 0)
    {
      if (error != NULL)
        g_debug ("A call that wanted no reply failed: %s", error->message);
      return;
    }

  /* What the source changed before replying reaches the caller first. */
  g_hash_table_iter_init (&iter, priv->adapters);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ro_source_adapter_flush (value);

  reply = ro_message_new (error != NULL ? RO_MESSAGE_ERROR : RO_MESSAGE_REPLY);
  reply->serial = serial;
  if (error != NULL)
    reply->body = g_variant_ref_sink (g_variant_new ("(sis)", g_quark_to_string (error->domain),
                                                     error->code, error->message));
  else
    reply->body = g_variant_ref (result);
  ro_connection_send (peer->connection, reply);
}

void
ro_host_handle_message (RoHost    *self,
                        RoPeer    *peer,
                        RoMessage *message)
{
  RoHostPrivate *priv = ro_host_get_instance_private (self);
  RoSourceAdapter *adapter = message->name != NULL ? g_hash_table_lookup (priv->adapters, message->name) : NULL;

  switch (message->type)
    {
    case RO_MESSAGE_ACQUIRE:
      /* A source withdrawn meanwhile: its source-removed is on the way. */
      if (adapter != NULL)
        {
          g_hash_table_add (peer->subscriptions, g_strdup (message->name));
          ro_source_adapter_subscribe (adapter, peer);
        }
      break;

    case RO_MESSAGE_RELEASE:
      if (adapter != NULL)
        ro_source_adapter_unsubscribe (adapter, peer);
      g_hash_table_remove (peer->subscriptions, message->name);
      break;

    case RO_MESSAGE_INVOKE:
    case RO_MESSAGE_PUSH:
      if (adapter == NULL)
        {
          g_autoptr(GError) error = g_error_new (RO_ERROR, RO_ERROR_NOT_FOUND,
                                                 "No source named “%s” is shared here", message->name);

          ro_host_send_reply (self, peer, message->serial, NULL, error);
        }
      else if (message->type == RO_MESSAGE_INVOKE)
        ro_source_adapter_invoke (adapter, peer, message);
      else
        ro_source_adapter_push (adapter, peer, message);
      break;

    case RO_MESSAGE_CANCEL:
      {
        RoInvocation *invocation = g_hash_table_lookup (peer->invocations, GUINT_TO_POINTER (message->serial));

        if (invocation != NULL)
          {
            g_hash_table_remove (peer->invocations, GUINT_TO_POINTER (message->serial));
            ro_invocation_cancel (invocation);
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }
}
