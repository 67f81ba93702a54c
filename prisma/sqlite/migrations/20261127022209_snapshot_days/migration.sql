-- CreateTable
CREATE TABLE "SnapshotDay" (
    "serviceId" TEXT NOT NULL,
    "day" DATETIME NOT NULL,
    "healthyMs" REAL NOT NULL,
    "warningMs" REAL NOT NULL,
    "criticalMs" REAL NOT NULL,
    "noDataMs" REAL NOT NULL,
    "scoreMs" REAL NOT NULL,
    "scoredMs" REAL NOT NULL,

    PRIMARY KEY ("serviceId", "day"),
    CONSTRAINT "SnapshotDay_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
