/* nmea.h: a small parser for the GGA and RMC sentences of NMEA 0183
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define NMEA_ERROR (nmea_error_quark ())

typedef enum {
  NMEA_ERROR_SYNTAX,       /* not a sentence, or a field is malformed */
  NMEA_ERROR_CHECKSUM,     /* the *HH checksum is missing or wrong */
  NMEA_ERROR_UNSUPPORTED,  /* a valid sentence of another type (GSV, VTG...) */
} NmeaError;

typedef enum {
  NMEA_SENTENCE_GGA,
  NMEA_SENTENCE_RMC,
} NmeaSentenceType;

/* GGA's fix quality field. */
typedef enum {
  NMEA_QUALITY_INVALID = 0,
  NMEA_QUALITY_GPS = 1,
  NMEA_QUALITY_DGPS = 2,
  NMEA_QUALITY_PPS = 3,
  NMEA_QUALITY_RTK = 4,
  NMEA_QUALITY_FLOAT_RTK = 5,
  NMEA_QUALITY_ESTIMATED = 6,
  NMEA_QUALITY_MANUAL = 7,
  NMEA_QUALITY_SIMULATION = 8,
} NmeaQuality;

/* One parsed sentence. Empty fields leave their has_ flag FALSE. */
typedef struct
{
  NmeaSentenceType type;
  char talker[3];           /* "GP", "GN", ... */

  gboolean has_time;
  double time;              /* seconds since midnight, UTC */

  gboolean has_position;
  double latitude;          /* degrees, north positive */
  double longitude;         /* degrees, east positive */

  /* GGA */
  NmeaQuality quality;
  gboolean has_satellites;
  int satellites;
  gboolean has_altitude;
  double altitude;          /* metres above mean sea level */

  /* RMC */
  gboolean active;          /* status A (data valid) rather than V */
  char mode;                /* FAA mode indicator (NMEA 2.3), or 0 */
  gboolean has_speed;
  double speed;             /* metres per second */
  gboolean has_course;
  double course;            /* degrees from true north */
  gboolean has_date;
  int year, month, day;
} NmeaSentence;

GQuark   nmea_error_quark (void);
gboolean nmea_parse       (const char    *line,
                           NmeaSentence  *sentence,
                           GError       **error);

/* What the receiver knows after the sentences of one epoch (the sentences
 * that carry one time), added to what it knew before. */
typedef struct
{
  gboolean has_time;
  double time;
  gboolean has_position;
  double latitude;
  double longitude;
  double altitude;
  double speed;
  double course;
  int satellites;
  NmeaQuality quality;      /* NMEA_QUALITY_INVALID: no fix */

  /*< private >*/
  gboolean seen_gga;        /* in this epoch */
} NmeaFix;

void     nmea_fix_init         (NmeaFix            *fix);
gboolean nmea_fix_is_new_epoch (const NmeaFix      *fix,
                                const NmeaSentence *sentence);
void     nmea_fix_begin_epoch  (NmeaFix            *fix);
void     nmea_fix_apply        (NmeaFix            *fix,
                                const NmeaSentence *sentence);
char    *nmea_format_time      (double              time);

G_END_DECLS
