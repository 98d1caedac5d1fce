/* repc-info.c: the interface info a generated source will have
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * The signature compiled into a generated replica must be the one that
 * ro_interface_info_new_for_type() computes at run time for the generated
 * source. Both are built with the library's own builder, and this file
 * applies the rules of new_for_type() to the members the generator writes:
 * GObject names, wire types of the GTypes, modes, and the enum types that
 * properties, signals and slots use (nicks and values in declaration order,
 * as GEnumClass keeps them). tests/repc/test-repc-generated.c checks that
 * the two agree for every test .rep file.
 */

#include "config.h"

#include "repc.h"

static void
add_enum (RoInterfaceInfo *info,
          GHashTable      *seen,
          RepcType        *type)
{
  RepcEnum *e;
  g_autoptr(GPtrArray) nicks = NULL;
  g_autoptr(GArray) values = NULL;

  if (type->kind != REPC_TYPE_ENUM || !g_hash_table_add (seen, type->enumeration))
    return;

  e = type->enumeration;
  nicks = g_ptr_array_new ();
  values = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < e->values->len; i++)
    {
      RepcEnumValue *v = g_ptr_array_index (e->values, i);

      g_ptr_array_add (nicks, v->nick);
      g_array_append_val (values, v->value);
    }
  ro_interface_info_add_enum (info, e->type_name, FALSE, (const char * const *) nicks->pdata,
                              (const gint64 *) (gpointer) values->data, values->len);
}

static GVariantType *
tuple_for (GPtrArray *params)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_type_free);

  for (guint i = 0; i < params->len; i++)
    {
      RepcParam *param = g_ptr_array_index (params, i);

      g_ptr_array_add (items, g_variant_type_new (repc_type_wire (param->type)));
    }
  return g_variant_type_new_tuple ((const GVariantType * const *) items->pdata, items->len);
}

RoInterfaceInfo *
repc_class_build_info (RepcClass  *klass,
                       GError    **error)
{
  g_autoptr(RoInterfaceInfo) info = ro_interface_info_new_empty (klass->name);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < klass->properties->len; i++)
    {
      RepcProperty *prop = g_ptr_array_index (klass->properties, i);
      g_autoptr(GVariantType) type = g_variant_type_new (repc_type_wire (prop->type));

      add_enum (info, seen, prop->type);
      ro_interface_info_add_property (info, prop->gname, type, prop->mode,
                                      prop->type->kind == REPC_TYPE_ENUM
                                        ? prop->type->enumeration->type_name : NULL);
    }

  for (guint i = 0; i < klass->signals->len; i++)
    {
      RepcFunction *func = g_ptr_array_index (klass->signals, i);
      g_autoptr(GVariantType) args = tuple_for (func->params);

      for (guint j = 0; j < func->params->len; j++)
        add_enum (info, seen, ((RepcParam *) g_ptr_array_index (func->params, j))->type);
      ro_interface_info_add_signal (info, func->gname, args);
    }

  for (guint i = 0; i < klass->slots->len; i++)
    {
      RepcFunction *func = g_ptr_array_index (klass->slots, i);
      g_autoptr(GVariantType) args = tuple_for (func->params);
      g_autoptr(GVariantType) result = NULL;

      for (guint j = 0; j < func->params->len; j++)
        add_enum (info, seen, ((RepcParam *) g_ptr_array_index (func->params, j))->type);

      if (func->result->kind == REPC_TYPE_VOID)
        result = g_variant_type_new ("()");
      else
        {
          g_autoptr(GVariantType) item = g_variant_type_new (repc_type_wire (func->result));
          const GVariantType *items[] = { item };

          add_enum (info, seen, func->result);
          result = g_variant_type_new_tuple (items, 1);
        }
      ro_interface_info_add_method (info, func->gname, args, result, FALSE);
    }

  if (!ro_interface_info_seal (info, error))
    return NULL;

  return g_steal_pointer (&info);
}
