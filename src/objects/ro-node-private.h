/* ro-node-private.h: what the objects layer shares between its classes
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "ro-glib.h"
#include "ro-connection.h"
#include "ro-connector.h"
#include "ro-entries.h"

G_BEGIN_DECLS

typedef struct _RoPeer RoPeer;
typedef struct _RoRemoteSource RoRemoteSource;
typedef struct _RoCall RoCall;
typedef struct _RoLink RoLink;

/* One connection and what both ends know of each other. */
struct _RoPeer
{
  gatomicrefcount ref_count;
  RoNode *node;               /* weak: cleared when the node lets go */
  RoConnection *connection;
  gboolean serving;           /* host side: we share our sources on it */
  char *url;                  /* the host's URL, for links we made */
  RoLink *link;               /* the link that made it, if any */
  GHashTable *announced;      /* name -> signature: what the peer shares */
  GHashTable *calls;          /* serial -> RoCall: our calls awaiting a reply */
  guint32 next_serial;
  GHashTable *invocations;    /* serial -> RoInvocation (weak): calls we serve */
  GHashTable *subscriptions;  /* names of our sources the peer acquired */
};

RoPeer  *ro_peer_ref        (RoPeer *peer);
void     ro_peer_unref      (RoPeer *peer);
guint32  ro_peer_next_serial (RoPeer *peer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoPeer, ro_peer_unref)

/* An outgoing call: done is called exactly once. */
typedef void (*RoCallDoneFunc) (RoCall       *call,
                                GVariant     *result,
                                const GError *error);

struct _RoCall
{
  RoCallDoneFunc done;
  gpointer data;
  GDestroyNotify data_free;
  RoMessage *message;         /* the invoke or push, until sent */
  RoPeer *peer;               /* once sent */
  guint32 serial;
  GCancellable *cancellable;
  gulong cancelled_id;
  GSource *cancel_source;
  GMainContext *context;
  RoRemoteSource *queued_on;  /* while waiting for the first snapshot */
  gboolean sync;              /* a blocking wait takes its reply directly */
};

RoCall  *ro_call_new        (RoMessage      *message,
                             GMainContext   *context,
                             GCancellable   *cancellable,
                             RoCallDoneFunc  done,
                             gpointer        data,
                             GDestroyNotify  data_free);
/* Sends the call on @peer and registers it for the reply. */
void     ro_call_send       (RoCall         *call,
                             RoPeer         *peer);
/* Completes and frees the call; removes it from its peer. */
void     ro_call_complete   (RoCall         *call,
                             GVariant       *result,
                             const GError   *error);

/* The node-side state of one acquired source name, shared by every replica
 * of that name in the node. */
struct _RoRemoteSource
{
  gatomicrefcount ref_count;
  RoNode *node;               /* weak: the node's table holds us weakly too */
  char *name;
  RoPeer *peer;               /* where we acquired it, or NULL */
  RoInterfaceInfo *info;      /* NULL before the first snapshot */
  RoInterfaceInfo *offered;   /* named in the hello to peer, if any */
  GVariant **values;          /* by property index of info */
  RoReplicaState state;       /* DEFAULT, VALID or SUSPECT */
  gboolean awaiting_snapshot; /* acquired; what comes before the snapshot is stale */
  GPtrArray *replicas;        /* RoReplica, weak */
  GQueue queued_calls;        /* RoCall made before the first snapshot */
  GQueue waiters;             /* GTask of acquire_async */
  GQueue applied;             /* changes applied, not yet emitted, parsed:
                                 they are parsed once (ro-remote-source.c) */
};

RoRemoteSource *ro_remote_source_new            (RoNode         *node,
                                                 const char     *name);
RoRemoteSource *ro_remote_source_ref            (RoRemoteSource *source);
void            ro_remote_source_unref          (RoRemoteSource *source);
/* Gives the signature to name when acquiring in a hello ("" for none)
 * and records the interface it stands for. */
const char     *ro_remote_source_offer_known    (RoRemoteSource *source);
/* Checking and applying what the host sends: values change at once... */
gboolean        ro_remote_source_apply_snapshot (RoRemoteSource *source,
                                                 GVariant       *body,
                                                 GError        **error);
gboolean        ro_remote_source_apply_changes  (RoRemoteSource *source,
                                                 GVariant       *body,
                                                 GError        **error);
gboolean        ro_remote_source_check_signal   (RoRemoteSource *source,
                                                 const char     *name,
                                                 GVariant       *args,
                                                 GError        **error);
/* ...and replicas are told afterwards, from their context. */
void            ro_remote_source_emit_snapshot  (RoRemoteSource *source);
void            ro_remote_source_emit_changes   (RoRemoteSource *source,
                                                 GVariant       *body);
void            ro_remote_source_emit_signal    (RoRemoteSource *source,
                                                 const char     *name,
                                                 GVariant       *args);
void            ro_remote_source_emit_state     (RoRemoteSource *source);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoRemoteSource, ro_remote_source_unref)

/* ro-link.c: a connection to a URL that is remade after a loss */
RoLink         *ro_link_new                  (RoNode         *node,
                                              const char     *url,
                                              GError        **error);
void            ro_link_free                 (RoLink         *link);
const char     *ro_link_get_url              (RoLink         *link);
RoPeer         *ro_link_get_peer             (RoLink         *link);
void            ro_link_attach               (RoLink         *link,
                                              GMainContext   *context);
void            ro_link_peer_ready           (RoLink         *link);
void            ro_link_peer_lost            (RoLink         *link);

/* ro-node.c */
GMainContext   *ro_node_get_context          (RoNode         *node);
RoRemoteSource *ro_node_ref_remote_source    (RoNode         *node,
                                              const char     *name);
void            ro_node_remote_source_gone   (RoNode         *node,
                                              RoRemoteSource *source);
RoPeer         *ro_node_add_peer             (RoNode         *node,
                                              GIOStream      *stream,
                                              gboolean        serving,
                                              const char     *url,
                                              GError        **error);
GPtrArray      *ro_node_get_peers            (RoNode         *node);
/* Iterates a private context with only the connections concerned until
 * @done returns TRUE; FALSE with an error on timeout or cancellation. */
gboolean        ro_node_wait                 (RoNode         *node,
                                              RoPeer         *peer,
                                              gint64          deadline,
                                              GCancellable   *cancellable,
                                              gboolean      (*done) (gpointer data),
                                              gpointer        data,
                                              GError        **error);
/* Sends a call now if its source is valid, queues it until the first
 * snapshot if the source was never valid, fails it otherwise. */
void            ro_node_dispatch_call        (RoNode         *node,
                                              RoRemoteSource *source,
                                              RoCall         *call);

void            ro_node_emit_remote_object   (RoNode         *node,
                                              gboolean        added,
                                              const char     *name,
                                              const char     *url);
const RoTlsSettings *ro_node_get_tls_settings (RoNode        *node);
/* Finds a host for every wanted source that has none. */
void            ro_node_resolve_sources      (RoNode         *node);
struct _RoRegistryClient *ro_node_get_registry_client (RoNode *node);

/* ro-host.c: serves a new connection, if the limits and policy admit it */
RoPeer         *ro_host_add_peer             (RoHost         *host,
                                              GIOStream      *stream,
                                              GError        **error);

/* ro-host.c: a(sss) of (name, interface name, signature) */
GVariant       *ro_host_describe_sources     (RoHost         *host);

/* ro-registry-host.c */
void            ro_registry_host_source_changed (RoRegistryHost *host,
                                                 const char     *name,
                                                 const char     *signature);
void            ro_registry_host_peer_closed (RoRegistryHost *host,
                                              RoPeer         *peer);

/* ro-host.c: hosts of this process, by bound URL and context */
RoHost         *ro_host_lookup_local         (const char     *url,
                                              GMainContext   *context);

/* ro-host.c: the messages a host answers */
void            ro_host_handle_message       (RoHost         *host,
                                              RoPeer         *peer,
                                              RoMessage      *message);
void            ro_host_peer_ready           (RoHost         *host,
                                              RoPeer         *peer);
void            ro_host_peer_closed          (RoHost         *host,
                                              RoPeer         *peer);
void            ro_host_peer_drained         (RoHost         *host,
                                              RoPeer         *peer);

/* ro-replica.c */
/* @told: the caller hands the replica out in its current state, which
 * then needs no state-changed (acquire_async's replicas are VALID). */
void            ro_replica_attach            (RoReplica      *replica,
                                              RoNode         *node,
                                              RoRemoteSource *source,
                                              gboolean        told);
void            ro_replica_update_state      (RoReplica      *replica);
/* @changes: RoEntry entries in order, or NULL for every property. */
void            ro_replica_emit_values       (RoReplica      *replica,
                                              GArray         *changes);
void            ro_replica_emit_signal       (RoReplica      *replica,
                                              const char     *name,
                                              GVariant       *args);

/* ro-replica-type.c */
GType           ro_replica_type_for_info     (RoInterfaceInfo *info);
gboolean        ro_replica_type_is_run_time  (GType            type);
int             ro_interface_info_find_gobject_name (RoInterfaceInfo *info,
                                                     gboolean         is_signal,
                                                     const char      *canonical);

G_END_DECLS
