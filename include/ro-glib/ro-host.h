/* ro-host.h: a node that listens on an address and shares sources
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(RO_GLIB_INSIDE) && !defined(RO_GLIB_COMPILATION)
# error "Only <ro-glib/ro-glib.h> can be included directly."
#endif

#include <ro-glib/ro-node.h>

G_BEGIN_DECLS

#define RO_TYPE_HOST (ro_host_get_type ())

RO_AVAILABLE_IN_ALL
G_DECLARE_DERIVABLE_TYPE (RoHost, ro_host, RO, HOST, RoNode)

/**
 * RoHostClass:
 * @parent_class: the parent class
 * @authorize_peer: class handler of [signal@Ro.Host::authorize-peer]: the
 *   default policy
 *
 * The class structure of [class@Ro.Host].
 */
/**
 * RoHostClass::authorize_peer:
 * @host: the host
 * @stream: the new connection
 * @credentials: (nullable): the peer's credentials, for a Unix socket
 * @address: (nullable): the peer's address, for a socket
 *
 * The class handler of [signal@Ro.Host::authorize-peer]. The default one
 * lets in only the user that runs the host when there are credentials, and
 * any peer otherwise.
 *
 * Returns: %TRUE to serve the peer, %FALSE to refuse it
 */
struct _RoHostClass
{
  RoNodeClass parent_class;

  gboolean (*authorize_peer) (RoHost         *host,
                              GIOStream      *stream,
                              GCredentials   *credentials,
                              GSocketAddress *address);

  /*< private >*/
  gpointer padding[11];
};

RO_AVAILABLE_IN_ALL
RoHost     *ro_host_new                      (const char  *url,
                                              GError     **error);
RO_AVAILABLE_IN_ALL
const char *ro_host_get_url                  (RoHost      *host);
RO_AVAILABLE_IN_ALL
gboolean    ro_host_enable_remoting          (RoHost      *host,
                                              GObject     *object,
                                              const char  *name,
                                              GError     **error);
RO_AVAILABLE_IN_ALL
gboolean    ro_host_disable_remoting         (RoHost      *host,
                                              const char  *name);
RO_AVAILABLE_IN_ALL
gboolean    ro_host_add_host_side_connection (RoHost      *host,
                                              GIOStream   *stream,
                                              GError     **error);
RO_AVAILABLE_IN_ALL
guint       ro_host_get_max_connections      (RoHost      *host);
RO_AVAILABLE_IN_ALL
void        ro_host_set_max_connections      (RoHost      *host,
                                              guint        max_connections);
RO_AVAILABLE_IN_ALL
guint       ro_host_get_max_pending_calls    (RoHost      *host);
RO_AVAILABLE_IN_ALL
void        ro_host_set_max_pending_calls    (RoHost      *host,
                                              guint        max_pending_calls);
RO_AVAILABLE_IN_ALL
guint       ro_host_get_max_queued_bytes     (RoHost      *host);
RO_AVAILABLE_IN_ALL
void        ro_host_set_max_queued_bytes     (RoHost      *host,
                                              guint        max_queued_bytes);
RO_AVAILABLE_IN_ALL
guint       ro_host_get_max_replicas_per_connection (RoHost *host);
RO_AVAILABLE_IN_ALL
void        ro_host_set_max_replicas_per_connection (RoHost *host,
                                                     guint   max_replicas);

G_END_DECLS
