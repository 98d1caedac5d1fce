/* repc-daemon.h: what repc-daemon.c needs from the source it shares
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <ro-glib/ro-glib.h>

G_BEGIN_DECLS

/* A new Thermostat source, with serial "SN-7". */
GObject  *repc_daemon_make_source (void);

/* Runs one command of the daemon's stdin on @source; FALSE if unknown. */
gboolean  repc_daemon_command     (GObject    *source,
                                   const char *word,
                                   const char *arg);

G_END_DECLS
