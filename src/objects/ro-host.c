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
 * `localabstract:NAME` (a Linux abstract socket), `unix:/absolute/path`,
 * `tcp://HOST:PORT` and `tls://HOST:PORT` (set
 * [property@Ro.Node:tls-certificate] first), where port 0 picks a free
 * port that [method@Ro.Host.get_url] reports. Unix socket files are private to the
 * user and removed when the host goes away.
 *
 * A host belongs to the main context that was thread-default when it was
 * created.
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "ro-interface-info-private.h"
#include "ro-invocation-private.h"
#include "ro-listener.h"
#include "ro-registry-client.h"
#include "ro-source-adapter.h"

#define DEFAULT_MAX_CONNECTIONS     1024
#define DEFAULT_MAX_PENDING_CALLS   1024
#define DEFAULT_MAX_REPLICAS        1024
#define DEFAULT_MAX_QUEUED_BYTES    (16 * 1024 * 1024)

typedef struct
{
  char *url;
  RoListener *listener;
  GHashTable *adapters;   /* name -> RoSourceAdapter */
  guint max_connections;
  guint max_pending_calls;
  guint max_replicas;
  guint max_queued_bytes;
  gboolean tls;           /* the listener's connections get a TLS layer */
  GCancellable *handshakes;
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
  PROP_MAX_CONNECTIONS,
  PROP_MAX_PENDING_CALLS,
  PROP_MAX_REPLICAS_PER_CONNECTION,
  PROP_MAX_QUEUED_BYTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_AUTHORIZE_PEER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
count_serving_peers (RoHost *self)
{
  GPtrArray *peers = ro_node_get_peers (RO_NODE (self));
  guint n = 0;

  for (guint i = 0; i < peers->len; i++)
    if (((RoPeer *) g_ptr_array_index (peers, i))->serving)
      n++;
  return n;
}

/* Decides before the connection reads a byte: limits, then the
 * authorize-peer signal. */
static gboolean
admit (RoHost     *self,
       GIOStream  *stream,
       GError    **error)
{
  RoHostPrivate *priv = ro_host_get_instance_private (self);
  g_autoptr(GCredentials) credentials = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *who = NULL;
  g_autoptr(GIOStream) base = NULL;
  gboolean allowed = FALSE;

  /* A TLS connection's peer is that of the socket under it. */
  if (G_IS_TLS_CONNECTION (stream))
    g_object_get (stream, "base-io-stream", &base, NULL);
  else
    base = g_object_ref (stream);

  if (G_IS_SOCKET_CONNECTION (base))
    {
      GSocket *socket = g_socket_connection_get_socket (G_SOCKET_CONNECTION (base));

      if (g_socket_get_family (socket) == G_SOCKET_FAMILY_UNIX)
        credentials = g_socket_get_credentials (socket, NULL);
      address = g_socket_get_remote_address (socket, NULL);
    }
  who = credentials != NULL ? g_credentials_to_string (credentials)
        : G_IS_INET_SOCKET_ADDRESS (address) ? g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)))
        : g_strdup (G_OBJECT_TYPE_NAME (stream));

  if (count_serving_peers (self) >= priv->max_connections)
    {
      g_set_error (error, RO_ERROR, RO_ERROR_PERMISSION_DENIED,
                   "Refusing a connection from %s: the host has its maximum of %u connections",
                   who, priv->max_connections);
      return FALSE;
    }

  g_signal_emit (self, signals[SIGNAL_AUTHORIZE_PEER], 0, stream, credentials, address, &allowed);
  if (!allowed)
    {
      g_set_error (error, RO_ERROR, RO_ERROR_PERMISSION_DENIED,
                   "Refusing a connection from %s: not authorized", who);
      return FALSE;
    }
  return TRUE;
}

/* A peer behind by a quarter of the limit gets coalesced changes until it
 * is back under an eighth. */
static void
set_marks (RoHost *self,
           RoPeer *peer)
{
  RoHostPrivate *priv = ro_host_get_instance_private (self);

  ro_connection_set_marks (peer->connection, priv->max_queued_bytes / 8, priv->max_queued_bytes / 4);
}

RoPeer *
ro_host_add_peer (RoHost     *self,
                  GIOStream  *stream,
                  GError    **error)
{
  RoPeer *peer;

  if (!admit (self, stream, error))
    return NULL;
  peer = ro_node_add_peer (RO_NODE (self), stream, TRUE, NULL, error);
  if (peer != NULL)
    set_marks (self, peer);
  return peer;
}

void
ro_host_peer_drained (RoHost *self,
                      RoPeer *peer)
{
  RoHostPrivate *priv = ro_host_get_instance_private (self);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, priv->adapters);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ro_source_adapter_peer_drained (value, peer);
}

/* By default, a Unix socket lets in only the user that runs the host. */
static gboolean
ro_host_real_authorize_peer (RoHost         *self,
                             GIOStream      *stream,
                             GCredentials   *credentials,
                             GSocketAddress *address)
{
  if (credentials == NULL)
    return TRUE;
  return g_credentials_get_unix_user (credentials, NULL) == getuid ();
}

static void
serve (RoHost    *self,
       GIOStream *stream)
{
  g_autoptr(GError) error = NULL;

  if (ro_host_add_peer (self, stream, &error) == NULL)
    {
      g_message ("%s", error->message);
      g_io_stream_close (stream, NULL, NULL);
    }
}

static void
server_handshake_cb (GObject      *stream,
                     GAsyncResult *result,
                     gpointer      data)
{
  g_autoptr(RoHost) self = g_weak_ref_get (data);
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (data);
  g_free (data);
  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (stream), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("A TLS handshake failed: %s", error->message);
    }
  else if (self != NULL)
    serve (self, G_IO_STREAM (stream));
  g_object_unref (stream);
}

/* Whether a client certificate is good enough is authorize-peer's call;
 * it finds the certificate and its validation errors on the stream. */
static gboolean
accept_client_certificate_cb (GTlsConnection       *connection,
                              GTlsCertificate      *certificate,
                              GTlsCertificateFlags  errors,
                              gpointer              data)
{
  return TRUE;
}

static void
incoming_cb (RoListener        *listener,
             GSocketConnection *connection,
             gpointer           data)
{
  RoHost *self = data;
  RoHostPrivate *priv = ro_host_get_instance_private (self);
  GTlsCertificate *certificate;
  g_autoptr(GError) error = NULL;
  GIOStream *tls;
  GWeakRef *weak;

  if (!priv->tls)
    {
      serve (self, G_IO_STREAM (connection));
      return;
    }

  /* Peers may present a certificate for authorize-peer to look at. */
  certificate = ro_node_get_tls_settings (RO_NODE (self))->certificate;
  tls = certificate != NULL ? g_tls_server_connection_new (G_IO_STREAM (connection), certificate, &error) : NULL;
  if (tls == NULL)
    {
      g_message ("Refusing a TLS connection: %s",
                 error != NULL ? error->message : "the host has no tls-certificate");
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return;
    }
  g_object_set (tls, "authentication-mode", G_TLS_AUTHENTICATION_REQUESTED, NULL);
  g_signal_connect (tls, "accept-certificate", G_CALLBACK (accept_client_certificate_cb), NULL);
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, priv->handshakes,
                                    server_handshake_cb, weak);
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
  priv->tls = g_str_has_prefix (ro_listener_get_url (priv->listener), "tls://");

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
  RoHostPrivate *priv = ro_host_get_instance_private (RO_HOST (object));

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, ro_host_get_url (RO_HOST (object)));
      break;
    case PROP_MAX_CONNECTIONS:
      g_value_set_uint (value, priv->max_connections);
      break;
    case PROP_MAX_PENDING_CALLS:
      g_value_set_uint (value, priv->max_pending_calls);
      break;
    case PROP_MAX_REPLICAS_PER_CONNECTION:
      g_value_set_uint (value, priv->max_replicas);
      break;
    case PROP_MAX_QUEUED_BYTES:
      g_value_set_uint (value, priv->max_queued_bytes);
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
    case PROP_MAX_CONNECTIONS:
      ro_host_set_max_connections (RO_HOST (object), g_value_get_uint (value));
      break;
    case PROP_MAX_PENDING_CALLS:
      ro_host_set_max_pending_calls (RO_HOST (object), g_value_get_uint (value));
      break;
    case PROP_MAX_REPLICAS_PER_CONNECTION:
      ro_host_set_max_replicas_per_connection (RO_HOST (object), g_value_get_uint (value));
      break;
    case PROP_MAX_QUEUED_BYTES:
      ro_host_set_max_queued_bytes (RO_HOST (object), g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The caller is gone: tell every handler still working for it. */
static void
cancel_invocations (RoPeer *peer)
{
  GHashTableIter iter;
  gpointer value;

  while (g_hash_table_size (peer->invocations) > 0)
    {
      g_hash_table_iter_init (&iter, peer->invocations);
      g_hash_table_iter_next (&iter, NULL, &value);
      g_hash_table_iter_remove (&iter);
      ro_invocation_cancel (value);
    }
}

static void
ro_host_dispose (GObject *object)
{
  RoHostPrivate *priv = ro_host_get_instance_private (RO_HOST (object));

  g_cancellable_cancel (priv->handshakes);
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

  /* Handlers still working for a peer are told while their source is
   * alive: the sources go only after. */
  {
    GPtrArray *peers = ro_node_get_peers (RO_NODE (object));

    for (guint i = 0; i < peers->len; i++)
      if (((RoPeer *) g_ptr_array_index (peers, i))->serving)
        cancel_invocations (g_ptr_array_index (peers, i));
  }
  g_hash_table_remove_all (priv->adapters);

  G_OBJECT_CLASS (ro_host_parent_class)->dispose (object);
}

static void
ro_host_finalize (GObject *object)
{
  RoHostPrivate *priv = ro_host_get_instance_private (RO_HOST (object));

  g_hash_table_unref (priv->adapters);
  g_object_unref (priv->handshakes);
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

  /**
   * RoHost:max-connections:
   *
   * How many connections the host serves at once; more are refused.
   */
  properties[PROP_MAX_CONNECTIONS] =
    g_param_spec_uint ("max-connections", NULL, NULL, 1, G_MAXUINT, DEFAULT_MAX_CONNECTIONS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RoHost:max-pending-calls:
   *
   * How many calls of one connection may wait for their reply at once;
   * more are answered with %RO_ERROR_FAILED.
   */
  properties[PROP_MAX_PENDING_CALLS] =
    g_param_spec_uint ("max-pending-calls", NULL, NULL, 1, G_MAXUINT, DEFAULT_MAX_PENDING_CALLS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RoHost:max-replicas-per-connection:
   *
   * How many sources one connection may acquire; further acquisitions are
   * ignored, and logged.
   */
  properties[PROP_MAX_REPLICAS_PER_CONNECTION] =
    g_param_spec_uint ("max-replicas-per-connection", NULL, NULL, 1, G_MAXUINT, DEFAULT_MAX_REPLICAS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * RoHost:max-queued-bytes:
   *
   * How many bytes may wait for a peer that does not read fast enough.
   * Past a quarter of it, the peer gets the latest value of each changed
   * property instead of every value; past all of it, a signal for the peer
   * drops it, with a logged reason. Other peers are not affected.
   */
  properties[PROP_MAX_QUEUED_BYTES] =
    g_param_spec_uint ("max-queued-bytes", NULL, NULL, 4096, G_MAXUINT, DEFAULT_MAX_QUEUED_BYTES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  klass->authorize_peer = ro_host_real_authorize_peer;

  /**
   * RoHost::authorize-peer:
   * @host: the host
   * @stream: the new connection
   * @credentials: (nullable): the peer's credentials, for a Unix socket
   * @address: (nullable): the peer's address, for a socket
   *
   * Emitted for each new connection, before anything is read from it. The
   * first handler's answer decides; without handlers, a Unix socket lets
   * in only the user that runs the host and other connections are let in.
   * A refused peer is closed, and logged.
   *
   * On a `tls://` URL, @stream is the #GTlsConnection after its handshake:
   * a client certificate, if the peer sent one, is its
   * `peer-certificate`, and whether it validated is in its
   * `peer-certificate-errors`.
   *
   * Returns: %TRUE to serve the peer, %FALSE to refuse it
   */
  signals[SIGNAL_AUTHORIZE_PEER] =
    g_signal_new ("authorize-peer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  G_STRUCT_OFFSET (RoHostClass, authorize_peer),
                  g_signal_accumulator_first_wins, NULL, NULL,
                  G_TYPE_BOOLEAN, 3, G_TYPE_IO_STREAM, G_TYPE_CREDENTIALS, G_TYPE_SOCKET_ADDRESS);
}

static void
ro_host_init (RoHost *self)
{
  RoHostPrivate *priv = ro_host_get_instance_private (self);

  priv->max_connections = DEFAULT_MAX_CONNECTIONS;
  priv->max_pending_calls = DEFAULT_MAX_PENDING_CALLS;
  priv->max_replicas = DEFAULT_MAX_REPLICAS;
  priv->max_queued_bytes = DEFAULT_MAX_QUEUED_BYTES;
  priv->handshakes = g_cancellable_new ();

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
 * a TLS connection or a pipe. It is subject to [signal@Ro.Host::authorize-peer]
 * and [property@Ro.Host:max-connections] like any other.
 *
 * Returns: %TRUE, or %FALSE with %RO_ERROR_PERMISSION_DENIED if the peer
 *   was refused, or another error if the stream cannot be used
 */
gboolean
ro_host_add_host_side_connection (RoHost     *host,
                                  GIOStream  *stream,
                                  GError    **error)
{
  g_return_val_if_fail (RO_IS_HOST (host), FALSE);
  g_return_val_if_fail (G_IS_IO_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return ro_host_add_peer (host, stream, error) != NULL;
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

#define LIMIT_ACCESSORS(field, name, prop) \
  guint \
  ro_host_get_##name (RoHost *host) \
  { \
    g_return_val_if_fail (RO_IS_HOST (host), 0); \
    return ((RoHostPrivate *) ro_host_get_instance_private (host))->field; \
  } \
  \
  void \
  ro_host_set_##name (RoHost *host, \
                      guint   value) \
  { \
    RoHostPrivate *priv; \
    \
    g_return_if_fail (RO_IS_HOST (host)); \
    g_return_if_fail (value > 0); \
    priv = ro_host_get_instance_private (host); \
    if (priv->field == value) \
      return; \
    priv->field = value; \
    g_object_notify_by_pspec (G_OBJECT (host), properties[prop]); \
  }

/**
 * ro_host_get_max_connections:
 * @host: a #RoHost
 *
 * Gets how many connections the host serves at once.
 *
 * Returns: [property@Ro.Host:max-connections]
 */
/**
 * ro_host_set_max_connections:
 * @host: a #RoHost
 * @max_connections: how many connections to serve at once, at least 1
 *
 * Sets [property@Ro.Host:max-connections].
 */
LIMIT_ACCESSORS (max_connections, max_connections, PROP_MAX_CONNECTIONS)

/**
 * ro_host_get_max_pending_calls:
 * @host: a #RoHost
 *
 * Gets how many calls of one connection may wait for their reply at once.
 *
 * Returns: [property@Ro.Host:max-pending-calls]
 */
/**
 * ro_host_set_max_pending_calls:
 * @host: a #RoHost
 * @max_pending_calls: how many calls of one connection may wait, at least 1
 *
 * Sets [property@Ro.Host:max-pending-calls].
 */
LIMIT_ACCESSORS (max_pending_calls, max_pending_calls, PROP_MAX_PENDING_CALLS)

/**
 * ro_host_get_max_replicas_per_connection:
 * @host: a #RoHost
 *
 * Gets how many sources one connection may acquire.
 *
 * Returns: [property@Ro.Host:max-replicas-per-connection]
 */
/**
 * ro_host_set_max_replicas_per_connection:
 * @host: a #RoHost
 * @max_replicas: how many sources one connection may acquire, at least 1
 *
 * Sets [property@Ro.Host:max-replicas-per-connection].
 */
LIMIT_ACCESSORS (max_replicas, max_replicas_per_connection, PROP_MAX_REPLICAS_PER_CONNECTION)

/**
 * ro_host_get_max_queued_bytes:
 * @host: a #RoHost
 *
 * Gets how many bytes may wait for a peer that does not read fast enough;
 * see [property@Ro.Host:max-queued-bytes].
 *
 * Returns: [property@Ro.Host:max-queued-bytes]
 */
guint
ro_host_get_max_queued_bytes (RoHost *host)
{
  g_return_val_if_fail (RO_IS_HOST (host), 0);
  return ((RoHostPrivate *) ro_host_get_instance_private (host))->max_queued_bytes;
}

/**
 * ro_host_set_max_queued_bytes:
 * @host: a #RoHost
 * @max_queued_bytes: the most that may wait for one peer, at least 4096
 *
 * Sets [property@Ro.Host:max-queued-bytes] for every peer, current and
 * future.
 */
void
ro_host_set_max_queued_bytes (RoHost *host,
                              guint   max_queued_bytes)
{
  RoHostPrivate *priv;
  GPtrArray *peers;

  g_return_if_fail (RO_IS_HOST (host));
  g_return_if_fail (max_queued_bytes >= 4096);

  priv = ro_host_get_instance_private (host);
  if (priv->max_queued_bytes == max_queued_bytes)
    return;

  priv->max_queued_bytes = max_queued_bytes;
  peers = ro_node_get_peers (RO_NODE (host));
  for (guint i = 0; i < peers->len; i++)
    if (((RoPeer *) g_ptr_array_index (peers, i))->serving)
      set_marks (host, g_ptr_array_index (peers, i));
  g_object_notify_by_pspec (G_OBJECT (host), properties[PROP_MAX_QUEUED_BYTES]);
}

/* @known_signature: the signature the peer named, or NULL. */
static void
acquire (RoHost     *self,
         RoPeer     *peer,
         const char *name,
         const char *known_signature)
{
  RoHostPrivate *priv = ro_host_get_instance_private (self);
  RoSourceAdapter *adapter = g_hash_table_lookup (priv->adapters, name);

  /* Not shared, or withdrawn meanwhile (its source-removed is on the way). */
  if (adapter == NULL)
    return;
  if (!g_hash_table_contains (peer->subscriptions, name) &&
      g_hash_table_size (peer->subscriptions) >= priv->max_replicas)
    {
      g_message ("Ignoring an acquire of “%s” from %s: it has its maximum of %u sources",
                 name, ro_connection_get_peer_description (peer->connection), priv->max_replicas);
      return;
    }
  g_hash_table_add (peer->subscriptions, g_strdup (name));
  ro_source_adapter_subscribe (adapter, peer, known_signature);
}

void
ro_host_peer_ready (RoHost *self,
                    RoPeer *peer)
{
  g_autoptr(RoMessage) sources = ro_message_new (RO_MESSAGE_SOURCES);
  g_autoptr(GVariant) acquisitions = g_variant_lookup_value (ro_connection_get_peer_hello (peer->connection),
                                                             RO_HELLO_ACQUIRE, G_VARIANT_TYPE ("a{ss}"));

  sources->body = ro_host_describe_sources (self);
  ro_connection_send (peer->connection, sources);

  /* Our hello said we take these: answered as acquire messages would be,
   * after `sources`. */
  if (acquisitions != NULL)
    {
      GVariantIter iter;
      const char *name, *signature;

      g_variant_iter_init (&iter, acquisitions);
      while (g_variant_iter_next (&iter, "{&s&s}", &name, &signature))
        if (name[0] != '\0')
          acquire (self, peer, name, signature[0] != '\0' ? signature : NULL);
    }
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

  cancel_invocations (peer);
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
  g_autoptr(GError) unsendable = NULL;
  g_autoptr(GVariant) prepared = NULL;
  GHashTableIter iter;
  gpointer value;

  if (serial == 0)
    {
      if (error != NULL)
        g_debug ("A call that wanted no reply failed: %s", error->message);
      return;
    }

  if (error == NULL)
    {
      prepared = ro_message_prepare_value (result, RO_ARGS_DEPTH, &unsendable);
      if (prepared == NULL)
        {
          g_warning ("A reply is not sent: %s", unsendable->message);
          error = unsendable;
        }
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
    reply->body = g_steal_pointer (&prepared);
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
      acquire (self, peer, message->name, NULL);
      break;

    case RO_MESSAGE_RELEASE:
      if (adapter != NULL)
        ro_source_adapter_unsubscribe (adapter, peer);
      g_hash_table_remove (peer->subscriptions, message->name);
      break;

    case RO_MESSAGE_INVOKE:
    case RO_MESSAGE_PUSH:
      if (message->serial != 0 && g_hash_table_size (peer->invocations) >= priv->max_pending_calls)
        {
          g_autoptr(GError) error = g_error_new (RO_ERROR, RO_ERROR_FAILED,
                                                 "Too many calls waiting for a reply (at most %u)",
                                                 priv->max_pending_calls);

          ro_host_send_reply (self, peer, message->serial, NULL, error);
        }
      else if (adapter == NULL)
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
