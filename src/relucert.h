/* librelucert: exact activation-region geometry of ReLU networks.
   One header per module; this one includes them all. */
#ifndef RELUCERT_H
#define RELUCERT_H

#include "util/version.h"
#include "util/error.h"
#include "num/num.h"
#include "json/json.h"
#include "plnet/plnet.h"
#include "net/net.h"
#include "poly/poly.h"
#include "regions/regions.h"
#include "complex/complex.h"
#include "complex/summary.h"
#include "arrangement/arrangement.h"
#include "polytope/polytope.h"
#include "levelset/levelset.h"
#include "boundary/boundary.h"
#include "homology/homology.h"
#include "decision/decision.h"
#include "graph/graph.h"
#include "train/train.h"
#include "random/random.h"
#include "cert/cert.h"
#include "floatref/floatref.h"
#include "plot/plot.h"
#include "wedge/wedge.h"
#include "smith/smith.h"
#include "batch/batch.h"
#include "wedge/convex.h"   /* issue 7: exact convex training */

#endif
