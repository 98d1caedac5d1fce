/* ro-glib.h: the one public include of libro-glib
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#define RO_GLIB_INSIDE

#include "ro-version-macros.h"
#include "ro-version.h"
#include "ro-error.h"
#include "ro-types.h"
#include "ro-enum-types.h"
#include "ro-value.h"
#include "ro-interface-info.h"
#include "ro-invocation.h"
#include "ro-node.h"
#include "ro-host.h"
#include "ro-registry-host.h"
#include "ro-replica.h"

#undef RO_GLIB_INSIDE
