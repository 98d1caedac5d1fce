/* ro-invocation.h: a method call on the source side that replies later
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(RO_GLIB_INSIDE) && !defined(RO_GLIB_COMPILATION)
# error "Only <ro-glib/ro-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include <ro-glib/ro-version-macros.h>

G_BEGIN_DECLS

#define RO_TYPE_INVOCATION (ro_invocation_get_type ())

RO_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (RoInvocation, ro_invocation, RO, INVOCATION, GObject)

RO_AVAILABLE_IN_ALL
const char   *ro_invocation_get_method_name      (RoInvocation *invocation);
RO_AVAILABLE_IN_ALL
const char   *ro_invocation_get_source_name      (RoInvocation *invocation);
RO_AVAILABLE_IN_ALL
GVariant     *ro_invocation_get_parameters       (RoInvocation *invocation);
RO_AVAILABLE_IN_ALL
GCancellable *ro_invocation_get_cancellable      (RoInvocation *invocation);
RO_AVAILABLE_IN_ALL
void          ro_invocation_return_value         (RoInvocation *invocation,
                                                  GVariant     *result);
RO_AVAILABLE_IN_ALL
void          ro_invocation_return_error         (RoInvocation *invocation,
                                                  GQuark        domain,
                                                  int           code,
                                                  const char   *format,
                                                  ...) G_GNUC_PRINTF (4, 5);
RO_AVAILABLE_IN_ALL
void          ro_invocation_return_error_literal (RoInvocation *invocation,
                                                  GQuark        domain,
                                                  int           code,
                                                  const char   *message);
RO_AVAILABLE_IN_ALL
void          ro_invocation_return_gerror        (RoInvocation *invocation,
                                                  const GError *error);

G_END_DECLS
