-- CreateTable
CREATE TABLE "PendingFold" (
    "seq" SERIAL NOT NULL,
    "serviceId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "embedding" TEXT,
    "responseLength" INTEGER,

    CONSTRAINT "PendingFold_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "PendingFold_serviceId_eventId_key" ON "PendingFold"("serviceId", "eventId");

-- AddForeignKey
ALTER TABLE "PendingFold" ADD CONSTRAINT "PendingFold_serviceId_eventId_fkey" FOREIGN KEY ("serviceId", "eventId") REFERENCES "Event"("serviceId", "eventId") ON DELETE CASCADE ON UPDATE CASCADE;
