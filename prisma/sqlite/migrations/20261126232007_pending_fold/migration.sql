-- CreateTable
CREATE TABLE "PendingFold" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "serviceId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "embedding" TEXT,
    "responseLength" INTEGER,
    CONSTRAINT "PendingFold_serviceId_eventId_fkey" FOREIGN KEY ("serviceId", "eventId") REFERENCES "Event" ("serviceId", "eventId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "PendingFold_serviceId_eventId_key" ON "PendingFold"("serviceId", "eventId");
