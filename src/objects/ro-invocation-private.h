/* ro-invocation-private.h: how the host creates and cancels invocations
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "ro-glib.h"

G_BEGIN_DECLS

/* Called exactly once: with a result tuple, or with an error. */
typedef void (*RoInvocationReplyFunc) (GVariant     *result,
                                       const GError *error,
                                       gpointer      user_data);

RoInvocation *ro_invocation_new    (const char            *source_name,
                                    const char            *method_name,
                                    GVariant              *parameters,
                                    const GVariantType    *result_type,
                                    RoInvocationReplyFunc  reply_func,
                                    gpointer               user_data,
                                    GDestroyNotify         user_data_free);
void          ro_invocation_cancel (RoInvocation          *invocation);
/* Which connection the call came from: an opaque key, valid while that
 * connection is open (see ro_registry_host_peer_closed()). */
void          ro_invocation_set_caller (RoInvocation      *invocation,
                                        gconstpointer      caller);
gconstpointer ro_invocation_get_caller (RoInvocation      *invocation);

G_END_DECLS
