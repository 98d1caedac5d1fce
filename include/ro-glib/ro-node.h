/* ro-node.h: a client endpoint that connects to hosts and hands out replicas
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(RO_GLIB_INSIDE) && !defined(RO_GLIB_COMPILATION)
# error "Only <ro-glib/ro-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include <ro-glib/ro-types.h>

G_BEGIN_DECLS

typedef struct _RoReplica RoReplica;

#define RO_TYPE_NODE (ro_node_get_type ())

RO_AVAILABLE_IN_ALL
G_DECLARE_DERIVABLE_TYPE (RoNode, ro_node, RO, NODE, GObject)

/**
 * RoNodeClass:
 * @parent_class: the parent class
 * @remote_object_added: class handler of [signal@Ro.Node::remote-object-added]
 * @remote_object_removed: class handler of [signal@Ro.Node::remote-object-removed]
 *
 * The class structure of [class@Ro.Node].
 */
struct _RoNodeClass
{
  GObjectClass parent_class;

  void (*remote_object_added)   (RoNode     *node,
                                 const char *name,
                                 const char *url);
  void (*remote_object_removed) (RoNode     *node,
                                 const char *name,
                                 const char *url);

  /*< private >*/
  gpointer padding[12];
};

RO_AVAILABLE_IN_ALL
RoNode     *ro_node_new                        (void);
RO_AVAILABLE_IN_ALL
gboolean    ro_node_connect_to_node            (RoNode              *node,
                                                const char          *url,
                                                GError             **error);
RO_AVAILABLE_IN_ALL
gboolean    ro_node_set_registry_url           (RoNode              *node,
                                                const char          *url,
                                                GError             **error);
RO_AVAILABLE_IN_ALL
const char *ro_node_get_registry_url           (RoNode              *node);
RO_AVAILABLE_IN_ALL
gboolean    ro_node_add_client_side_connection (RoNode              *node,
                                                GIOStream           *stream,
                                                GError             **error);
RO_AVAILABLE_IN_ALL
RoReplica  *ro_node_acquire                    (RoNode              *node,
                                                GType                replica_type,
                                                const char          *name);
RO_AVAILABLE_IN_ALL
RoReplica  *ro_node_acquire_dynamic            (RoNode              *node,
                                                const char          *name);
RO_AVAILABLE_IN_ALL
void        ro_node_acquire_async              (RoNode              *node,
                                                const char          *name,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
RO_AVAILABLE_IN_ALL
RoReplica  *ro_node_acquire_finish             (RoNode              *node,
                                                GAsyncResult        *result,
                                                GError             **error);
RO_AVAILABLE_IN_ALL
void        ro_node_set_heartbeat_interval     (RoNode              *node,
                                                guint                interval_ms);
RO_AVAILABLE_IN_ALL
guint       ro_node_get_heartbeat_interval     (RoNode              *node);
RO_AVAILABLE_IN_ALL
void        ro_node_set_max_frame_size         (RoNode              *node,
                                                guint                max_frame_size);
RO_AVAILABLE_IN_ALL
guint       ro_node_get_max_frame_size         (RoNode              *node);
RO_AVAILABLE_IN_ALL
char      **ro_node_list_remote_objects        (RoNode              *node);
RO_AVAILABLE_IN_ALL
void        ro_node_set_tls_certificate        (RoNode              *node,
                                                GTlsCertificate     *certificate);
RO_AVAILABLE_IN_ALL
void        ro_node_set_tls_database           (RoNode              *node,
                                                GTlsDatabase        *database);
RO_AVAILABLE_IN_ALL
void        ro_node_set_tls_pinned_certificate (RoNode              *node,
                                                GTlsCertificate     *certificate);

G_END_DECLS
