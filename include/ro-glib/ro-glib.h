/* ro-glib.h: the one public include of libro-glib
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#define RO_GLIB_INSIDE

#include <ro-glib/ro-version-macros.h>
#include <ro-glib/ro-version.h>
#include <ro-glib/ro-error.h>
#include <ro-glib/ro-types.h>
#include <ro-glib/ro-enum-types.h>
#include <ro-glib/ro-value.h>
#include <ro-glib/ro-interface-info.h>
#include <ro-glib/ro-invocation.h>
#include <ro-glib/ro-node.h>
#include <ro-glib/ro-host.h>
#include <ro-glib/ro-registry-host.h>
#include <ro-glib/ro-replica.h>

#undef RO_GLIB_INSIDE
