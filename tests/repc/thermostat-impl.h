/* thermostat-impl.h: a generated ThermostatSource whose slots work
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "thermostat.h"

G_BEGIN_DECLS

#define TEST_TYPE_THERMOSTAT (test_thermostat_get_type ())
G_DECLARE_FINAL_TYPE (TestThermostat, test_thermostat, TEST, THERMOSTAT, ThermostatSource)

TestThermostat *test_thermostat_new (const char *serial);

G_END_DECLS
