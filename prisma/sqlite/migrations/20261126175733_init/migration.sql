-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Service" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "businessUnit" TEXT NOT NULL,
    "riskTier" TEXT NOT NULL,
    "storePrompts" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ServiceOwner" (
    "serviceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    PRIMARY KEY ("serviceId", "userId"),
    CONSTRAINT "ServiceOwner_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ServiceOwner_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "serviceId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiKey_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Event" (
    "serviceId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "timestamp" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "model" TEXT,
    "provider" TEXT,
    "variant" TEXT,
    "latencyMs" REAL,
    "ttftMs" REAL,
    "status" TEXT NOT NULL,
    "errorType" TEXT,
    "inputTokens" INTEGER,
    "outputTokens" INTEGER,
    "costUsd" REAL,
    "segments" TEXT NOT NULL DEFAULT '{}',
    "evals" TEXT NOT NULL DEFAULT '{}',
    "feedback" TEXT NOT NULL DEFAULT '{}',
    "outcomes" TEXT NOT NULL DEFAULT '{}',
    "retrieval" TEXT NOT NULL DEFAULT '{}',
    "attributes" TEXT NOT NULL DEFAULT '{}',
    "prompt" TEXT,
    "response" TEXT,

    PRIMARY KEY ("serviceId", "eventId"),
    CONSTRAINT "Event_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Rollup" (
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
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
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

-- CreateTable
CREATE TABLE "ScoreConfigVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "rationale" TEXT NOT NULL DEFAULT '',
    "authorId" TEXT,
    "reviewerId" TEXT,
    "reviewComment" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "proposedAt" DATETIME,
    "reviewedAt" DATETIME,
    "activatedAt" DATETIME,
    CONSTRAINT "ScoreConfigVersion_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ScoreConfigVersion_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ScoreConfigVersion_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScoreSnapshot" (
    "serviceId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "score" REAL,
    "status" TEXT NOT NULL,
    "coverage" REAL NOT NULL,
    "components" TEXT NOT NULL DEFAULT '[]',
    "configVersionId" TEXT,

    PRIMARY KEY ("serviceId", "at"),
    CONSTRAINT "ScoreSnapshot_configVersionId_fkey" FOREIGN KEY ("configVersionId") REFERENCES "ScoreConfigVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ScoreSnapshot_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "alertKey" TEXT NOT NULL,
    "pendingSince" DATETIME NOT NULL,
    "firingSince" DATETIME,
    "resolvedAt" DATETIME,
    "lastNotifiedAt" DATETIME,
    "acknowledgedAt" DATETIME,
    "acknowledgedById" TEXT,
    "score" REAL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Alert_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Alert_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Service_slug_key" ON "Service"("slug");

-- CreateIndex
CREATE INDEX "ServiceOwner_userId_idx" ON "ServiceOwner"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_serviceId_idx" ON "ApiKey"("serviceId");

-- CreateIndex
CREATE INDEX "Event_serviceId_timestamp_idx" ON "Event"("serviceId", "timestamp");

-- CreateIndex
CREATE INDEX "Rollup_serviceId_tier_dimension_bucketStart_idx" ON "Rollup"("serviceId", "tier", "dimension", "bucketStart");

-- CreateIndex
CREATE INDEX "ScoreConfigVersion_serviceId_status_idx" ON "ScoreConfigVersion"("serviceId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ScoreConfigVersion_serviceId_version_key" ON "ScoreConfigVersion"("serviceId", "version");

-- CreateIndex
CREATE INDEX "Alert_serviceId_state_idx" ON "Alert"("serviceId", "state");

-- CreateIndex
CREATE INDEX "Alert_alertKey_idx" ON "Alert"("alertKey");

-- CreateIndex
CREATE UNIQUE INDEX "AuditLog_hash_key" ON "AuditLog"("hash");

-- CreateIndex
CREATE INDEX "AuditLog_targetType_targetId_idx" ON "AuditLog"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");
