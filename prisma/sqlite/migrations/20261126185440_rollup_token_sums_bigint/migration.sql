-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Rollup" (
    "serviceId" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "bucketStart" DATETIME NOT NULL,
    "dimension" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "latencySketch" BLOB,
    "latencyCount" INTEGER NOT NULL DEFAULT 0,
    "latencySum" REAL NOT NULL DEFAULT 0,
    "latencyMin" REAL,
    "latencyMax" REAL,
    "ttftSketch" BLOB,
    "ttftCount" INTEGER NOT NULL DEFAULT 0,
    "ttftSum" REAL NOT NULL DEFAULT 0,
    "costCount" INTEGER NOT NULL DEFAULT 0,
    "costSum" REAL NOT NULL DEFAULT 0,
    "tokensCount" INTEGER NOT NULL DEFAULT 0,
    "inputTokens" BIGINT NOT NULL DEFAULT 0,
    "outputTokens" BIGINT NOT NULL DEFAULT 0,
    "evals" TEXT NOT NULL DEFAULT '{}',
    "feedback" TEXT NOT NULL DEFAULT '{}',
    "outcomes" TEXT NOT NULL DEFAULT '{}',
    "retrieval" TEXT NOT NULL DEFAULT '{}',
    "embedding" TEXT NOT NULL DEFAULT '{}',
    "histograms" TEXT NOT NULL DEFAULT '{}',
    "missing" TEXT NOT NULL DEFAULT '{}',
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("serviceId", "tier", "bucketStart", "dimension", "value"),
    CONSTRAINT "Rollup_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Rollup" ("bucketStart", "costCount", "costSum", "count", "dimension", "embedding", "errors", "evals", "feedback", "histograms", "inputTokens", "latencyCount", "latencyMax", "latencyMin", "latencySketch", "latencySum", "missing", "outcomes", "outputTokens", "rejected", "retrieval", "serviceId", "tier", "tokensCount", "ttftCount", "ttftSketch", "ttftSum", "updatedAt", "value") SELECT "bucketStart", "costCount", "costSum", "count", "dimension", "embedding", "errors", "evals", "feedback", "histograms", "inputTokens", "latencyCount", "latencyMax", "latencyMin", "latencySketch", "latencySum", "missing", "outcomes", "outputTokens", "rejected", "retrieval", "serviceId", "tier", "tokensCount", "ttftCount", "ttftSketch", "ttftSum", "updatedAt", "value" FROM "Rollup";
DROP TABLE "Rollup";
ALTER TABLE "new_Rollup" RENAME TO "Rollup";
CREATE INDEX "Rollup_serviceId_tier_dimension_bucketStart_idx" ON "Rollup"("serviceId", "tier", "dimension", "bucketStart");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
