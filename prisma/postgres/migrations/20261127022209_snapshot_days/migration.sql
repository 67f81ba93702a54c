-- CreateTable
CREATE TABLE "SnapshotDay" (
    "serviceId" TEXT NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "healthyMs" DOUBLE PRECISION NOT NULL,
    "warningMs" DOUBLE PRECISION NOT NULL,
    "criticalMs" DOUBLE PRECISION NOT NULL,
    "noDataMs" DOUBLE PRECISION NOT NULL,
    "scoreMs" DOUBLE PRECISION NOT NULL,
    "scoredMs" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "SnapshotDay_pkey" PRIMARY KEY ("serviceId","day")
);

-- AddForeignKey
ALTER TABLE "SnapshotDay" ADD CONSTRAINT "SnapshotDay_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;
