/* repc.h: the parsed form of a .rep file, and what ro-repc does with it
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "ro-interface-info-private.h"

G_BEGIN_DECLS

#define REPC_ERROR (repc_error_quark ())

/* Every message of a REPC_ERROR is already "FILE:LINE:COLUMN: error: …". */
typedef enum {
  REPC_ERROR_SYNTAX,
  REPC_ERROR_UNSUPPORTED,
  REPC_ERROR_INVALID,
} RepcError;

GQuark repc_error_quark (void);

/* Lines and columns start at 1; columns count characters. */
typedef struct
{
  int line;
  int column;
} RepcPos;

typedef struct _RepcClass RepcClass;
typedef struct _RepcEnum  RepcEnum;
typedef struct _RepcPod   RepcPod;
typedef struct _RepcType  RepcType;

typedef enum {
  REPC_TYPE_UNRESOLVED,
  REPC_TYPE_VOID,
  REPC_TYPE_BOOL,
  REPC_TYPE_INT,
  REPC_TYPE_UINT,
  REPC_TYPE_INT64,
  REPC_TYPE_UINT64,
  REPC_TYPE_DOUBLE,
  REPC_TYPE_STRING,       /* QString: gchararray, nullable */
  REPC_TYPE_BYTES,        /* QByteArray: GBytes */
  REPC_TYPE_STRV,         /* QStringList: GStrv */
  REPC_TYPE_VARIANT,      /* QVariant: any GVariant */
  REPC_TYPE_VARIANT_MAP,  /* QVariantMap: a GVariant a{sv} */
  REPC_TYPE_LIST,         /* QList<T>: a GVariant array */
  REPC_TYPE_ENUM,         /* a GEnum type */
  REPC_TYPE_POD,          /* a GVariant tuple */
} RepcTypeKind;

struct _RepcType
{
  RepcTypeKind kind;
  char *spelling;         /* as written, e.g. "QList<int>" */
  char *scope;            /* "Gps" in Gps::FixStatus, or NULL */
  char *name;             /* the last part of the name */
  RepcType *element;      /* template argument */
  RepcEnum *enumeration;  /* borrowed, for REPC_TYPE_ENUM */
  RepcPod *pod;           /* borrowed, for REPC_TYPE_POD */
  RepcPos pos;
};

typedef struct
{
  char *name;             /* as written: NoFix */
  char *nick;             /* no-fix */
  char *c_name;           /* GPS_FIX_STATUS_NO_FIX */
  gint64 value;
  RepcPos pos;
} RepcEnumValue;

struct _RepcEnum
{
  char *name;             /* as written: FixStatus */
  RepcClass *scope;       /* NULL at file level */
  char *type_name;        /* GpsFixStatus */
  char *snake;            /* gps_fix_status */
  char *type_macro;       /* GPS_TYPE_FIX_STATUS */
  GPtrArray *values;      /* RepcEnumValue */
  gboolean used;          /* by a member of a class */
  RepcPos pos;
};

/* A parameter of a slot or signal, or a field of a POD. */
typedef struct
{
  RepcType *type;
  char *name;             /* as written, or argN */
  char *c_name;           /* a C identifier that clashes with nothing */
  char *snake;
  RepcPos pos;
} RepcParam;

struct _RepcPod
{
  char *name;             /* Point */
  char *snake;            /* point */
  char *upper;            /* POINT */
  GPtrArray *fields;      /* RepcParam */
  char *type_string;      /* (ii), once resolved */
  gboolean resolving;
  RepcPos pos;
};

typedef enum {
  REPC_DEFAULT_NONE,
  REPC_DEFAULT_NUMBER,
  REPC_DEFAULT_STRING,
  REPC_DEFAULT_IDENT,     /* true, false, an enum value */
} RepcDefaultKind;

typedef struct
{
  char *name;             /* satellitesInView */
  char *gname;            /* satellites-in-view */
  char *snake;            /* satellites_in_view */
  char *c_name;           /* snake, or snake_ if that is reserved */
  char *upper;            /* SATELLITES_IN_VIEW */
  RepcType *type;
  RoPropertyMode mode;
  gboolean persisted;
  gboolean source_only_setter;
  RepcDefaultKind default_kind;
  char *default_text;     /* as written */
  char *default_c;        /* the C expression, once checked */
  RepcPos default_pos;
  RepcPos pos;
} RepcProperty;

/* A slot (a method) or a signal. */
typedef struct
{
  char *name;
  char *gname;
  char *snake;
  char *c_name;           /* for vfunc members */
  char *upper;
  RepcType *result;       /* REPC_TYPE_VOID for signals */
  GPtrArray *params;      /* RepcParam */
  RepcPos pos;
} RepcFunction;

struct _RepcClass
{
  char *name;             /* PrinterQueue */
  char *snake;            /* printer_queue */
  char *upper;            /* PRINTER_QUEUE */
  GPtrArray *properties;  /* RepcProperty */
  GPtrArray *signals;     /* RepcFunction */
  GPtrArray *slots;       /* RepcFunction */
  GPtrArray *enums;       /* RepcEnum */
  RepcPos pos;
};

typedef struct
{
  char *filename;         /* as given, for messages */
  GPtrArray *classes;     /* RepcClass */
  GPtrArray *enums;       /* RepcEnum, file level */
  GPtrArray *pods;        /* RepcPod */
  GPtrArray *use_enums;   /* char *, from USE_ENUM */
  GPtrArray *directives;  /* char *, #include lines and the like */
} RepcFile;

/* The mode a PROP has when it names none: QtRO's default. */
#define REPC_DEFAULT_PROPERTY_MODE RO_PROPERTY_MODE_READPUSH

RepcFile        *repc_parse              (const char  *filename,
                                          const char  *text,
                                          gssize       length,
                                          GError     **error);
RepcFile        *repc_parse_file         (const char  *filename,
                                          GError     **error);
void             repc_file_free          (RepcFile    *file);

RoInterfaceInfo *repc_class_build_info   (RepcClass   *klass,
                                          GError     **error);

char            *repc_generate_header    (RepcFile    *file,
                                          const char  *rep_name,
                                          GError     **error);
char            *repc_generate_source    (RepcFile    *file,
                                          const char  *rep_name,
                                          const char  *header_name,
                                          GError     **error);

/* Names (repc-names.c) */
char            *repc_kebab              (const char  *name);
char            *repc_snake              (const char  *name);
char            *repc_upper              (const char  *name);
gboolean         repc_is_reserved_c_name (const char  *name);

/* Types (repc-types.c) */
RepcType        *repc_type_new           (void);
void             repc_type_free          (RepcType    *type);
const char      *repc_type_wire          (RepcType    *type);
char            *repc_type_container     (RepcType    *type);
gboolean         repc_type_is_variant    (RepcType    *type);
gboolean         repc_type_is_owned      (RepcType    *type);
char            *repc_type_gtype         (RepcType    *type);
const char      *repc_type_c_in          (RepcType    *type);
const char      *repc_type_c_owned       (RepcType    *type);
const char      *repc_type_value_getter  (RepcType    *type);
const char      *repc_type_value_dup     (RepcType    *type);
const char      *repc_type_value_setter  (RepcType    *type);
const char      *repc_type_zero          (RepcType    *type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RepcFile, repc_file_free)

G_END_DECLS
