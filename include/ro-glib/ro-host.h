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
 *
 * The class structure of [class@Ro.Host].
 */
struct _RoHostClass
{
  RoNodeClass parent_class;

  /*< private >*/
  gpointer padding[12];
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

G_END_DECLS
