/* ro-connector.c: one non-blocking connection attempt to a URL
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * GSocketClient dispatches on the context it was started on, and a blocking
 * wait needs to move an attempt to its private context; so the attempt is
 * a plain non-blocking connect() whose readiness source can be moved.
 * Names other than IP literals and "localhost" are resolved with GResolver
 * on the starting context. For tls:// the connection is then wrapped in a
 * GTlsClientConnection, delivered once its handshake succeeded.
 */

#include "config.h"

#include <netinet/in.h>
#include <netinet/tcp.h>

#include "ro-connector.h"

struct _RoConnector
{
  RoConnectorFunc func;
  gpointer user_data;
  GMainContext *context;
  GList *addresses;        /* GSocketAddress, still to try */
  GSocket *socket;
  GSource *source;         /* the socket's readiness, or the result idle */
  GCancellable *resolving;
  guint16 port;
  GIOStream *result;
  GError *error;

  gboolean tls;
  GSocketConnectable *identity;
  RoTlsSettings settings;
  GCancellable *handshaking;
};

static void try_next (RoConnector *self);

static gboolean
deliver_cb (gpointer data)
{
  RoConnector *self = data;
  RoConnectorFunc func = self->func;
  g_autoptr(GIOStream) connection = g_steal_pointer (&self->result);
  g_autoptr(GError) error = g_steal_pointer (&self->error);

  g_clear_pointer (&self->source, g_source_unref);
  self->func = NULL;
  /* The callback may free us. */
  func (connection, error, self->user_data);
  return G_SOURCE_REMOVE;
}

static void
deliver (RoConnector *self,
         GIOStream   *connection,
         GError      *error)
{
  self->result = connection;
  self->error = error;
  g_clear_pointer (&self->source, g_source_unref);
  self->source = g_idle_source_new ();
  g_source_set_callback (self->source, deliver_cb, self, NULL);
  g_source_set_static_name (self->source, "[ro] connector result");
  g_source_attach (self->source, self->context);
}

static gboolean
accept_pinned_cb (GTlsConnection       *connection,
                  GTlsCertificate      *peer,
                  GTlsCertificateFlags  errors,
                  gpointer              data)
{
  RoConnector *self = data;

  return g_tls_certificate_is_same (peer, self->settings.pinned);
}

static void
handshake_cb (GObject      *stream,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GError) error = NULL;
  RoConnector *self;

  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (stream), result, &error))
    {
      /* Cancelled: the connector is gone; the stream was ours. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_object_unref (stream);
          return;
        }
      self = data;
      g_clear_object (&self->handshaking);
      g_object_unref (stream);
      deliver (self, NULL, g_steal_pointer (&error));
      return;
    }

  self = data;
  g_clear_object (&self->handshaking);

  /* accept-certificate only speaks when validation fails: a pin must hold
   * for a certificate the authorities accept too. */
  if (self->settings.pinned != NULL &&
      !g_tls_certificate_is_same (g_tls_connection_get_peer_certificate (G_TLS_CONNECTION (stream)),
                                  self->settings.pinned))
    {
      g_object_unref (stream);
      deliver (self, NULL, g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE,
                                                "The server's certificate is not the pinned one"));
      return;
    }
  deliver (self, G_IO_STREAM (stream), NULL);
}

static void
start_tls (RoConnector       *self,
           GSocketConnection *connection)
{
  GError *error = NULL;
  GIOStream *tls = g_tls_client_connection_new (G_IO_STREAM (connection), self->identity, &error);

  if (tls == NULL)
    {
      deliver (self, NULL, error);
      return;
    }
  if (self->settings.database != NULL)
    g_tls_connection_set_database (G_TLS_CONNECTION (tls), self->settings.database);
  if (self->settings.certificate != NULL)
    g_tls_connection_set_certificate (G_TLS_CONNECTION (tls), self->settings.certificate);
  if (self->settings.pinned != NULL)
    g_signal_connect (tls, "accept-certificate", G_CALLBACK (accept_pinned_cb), self);

  self->handshaking = g_cancellable_new ();
  g_main_context_push_thread_default (self->context);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, self->handshaking,
                                    handshake_cb, self);
  g_main_context_pop_thread_default (self->context);
}

static void
connected (RoConnector *self)
{
  g_autoptr(GSocketConnection) connection = NULL;

  if (g_socket_get_family (self->socket) != G_SOCKET_FAMILY_UNIX)
    g_socket_set_option (self->socket, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
  connection = g_socket_connection_factory_create_connection (self->socket);
  g_clear_object (&self->socket);
  if (self->tls)
    start_tls (self, connection);
  else
    deliver (self, G_IO_STREAM (g_steal_pointer (&connection)), NULL);
}

static gboolean
socket_ready_cb (GSocket      *socket,
                 GIOCondition  condition,
                 gpointer      data)
{
  RoConnector *self = data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->source, g_source_unref);
  if (g_socket_check_connect_result (socket, &error))
    connected (self);
  else if (self->addresses != NULL)
    try_next (self);
  else
    deliver (self, NULL, g_steal_pointer (&error));
  return G_SOURCE_REMOVE;
}

static void
watch_socket (RoConnector *self)
{
  self->source = g_socket_create_source (self->socket, G_IO_OUT, NULL);
  g_source_set_callback (self->source, (GSourceFunc) (GCallback) socket_ready_cb, self, NULL);
  g_source_set_static_name (self->source, "[ro] connector socket");
  g_source_attach (self->source, self->context);
}

static void
try_next (RoConnector *self)
{
  g_autoptr(GSocketAddress) address = self->addresses->data;
  g_autoptr(GError) error = NULL;

  self->addresses = g_list_delete_link (self->addresses, self->addresses);
  g_clear_object (&self->socket);

  self->socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                               G_SOCKET_PROTOCOL_DEFAULT, &error);
  if (self->socket != NULL)
    {
      g_socket_set_blocking (self->socket, FALSE);
      if (g_socket_connect (self->socket, address, NULL, &error))
        {
          connected (self);
          return;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
        {
          watch_socket (self);
          return;
        }
    }

  if (self->addresses != NULL)
    try_next (self);
  else
    deliver (self, NULL, g_steal_pointer (&error));
}

static void
resolved_cb (GObject      *resolver,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GError) error = NULL;
  GList *addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (resolver), result, &error);
  RoConnector *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = data;
  g_clear_object (&self->resolving);
  if (addresses == NULL)
    {
      deliver (self, NULL, g_steal_pointer (&error));
      return;
    }

  for (GList *l = addresses; l != NULL; l = l->next)
    self->addresses = g_list_append (self->addresses,
                                     g_inet_socket_address_new (l->data, self->port));
  g_resolver_free_addresses (addresses);
  try_next (self);
}

RoConnector *
ro_connector_new (const RoUrl         *url,
                  const RoTlsSettings *tls,
                  RoConnectorFunc      func,
                  gpointer             user_data)
{
  RoConnector *self = g_new0 (RoConnector, 1);

  self->func = func;
  self->user_data = user_data;
  self->context = g_main_context_ref_thread_default ();

  if (url->scheme == RO_URL_SCHEME_TLS)
    {
      self->tls = TRUE;
      self->identity = g_network_address_new (url->host, url->port);
      if (tls != NULL)
        {
          g_set_object (&self->settings.database, tls->database);
          g_set_object (&self->settings.pinned, tls->pinned);
          g_set_object (&self->settings.certificate, tls->certificate);
        }
    }

  if (url->scheme == RO_URL_SCHEME_TCP || url->scheme == RO_URL_SCHEME_TLS)
    {
      g_autoptr(GInetAddress) ip = g_inet_address_new_from_string (url->host);

      if (ip == NULL && g_ascii_strcasecmp (url->host, "localhost") == 0)
        ip = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      if (ip == NULL)
        {
          g_autoptr(GResolver) resolver = g_resolver_get_default ();

          self->resolving = g_cancellable_new ();
          self->port = url->port;
          g_resolver_lookup_by_name_async (resolver, url->host, self->resolving, resolved_cb, self);
          return self;
        }
      self->addresses = g_list_append (NULL, g_inet_socket_address_new (ip, url->port));
    }
  else
    self->addresses = g_list_append (NULL, ro_url_get_connectable (url));

  try_next (self);
  return self;
}

void
ro_connector_attach (RoConnector  *self,
                     GMainContext *context)
{
  gboolean idle = self->source != NULL && self->socket == NULL;

  if (context == self->context)
    return;

  g_main_context_unref (self->context);
  self->context = g_main_context_ref (context);
  if (self->source == NULL)
    return;

  g_source_destroy (self->source);
  g_clear_pointer (&self->source, g_source_unref);
  if (idle)
    {
      self->source = g_idle_source_new ();
      g_source_set_callback (self->source, deliver_cb, self, NULL);
      g_source_attach (self->source, self->context);
    }
  else
    watch_socket (self);
}

void
ro_connector_free (RoConnector *self)
{
  if (self->resolving != NULL)
    {
      g_cancellable_cancel (self->resolving);
      g_object_unref (self->resolving);
    }
  if (self->handshaking != NULL)
    {
      g_cancellable_cancel (self->handshaking);
      g_object_unref (self->handshaking);
    }
  g_clear_object (&self->identity);
  g_clear_object (&self->settings.database);
  g_clear_object (&self->settings.pinned);
  g_clear_object (&self->settings.certificate);
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_source_unref (self->source);
    }
  g_list_free_full (self->addresses, g_object_unref);
  g_clear_object (&self->socket);
  g_clear_object (&self->result);
  g_clear_error (&self->error);
  g_main_context_unref (self->context);
  g_free (self);
}
