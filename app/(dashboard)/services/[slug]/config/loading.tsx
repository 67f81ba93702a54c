import { LoadingBlock, Skeleton } from "@/components/ui/states.tsx";

// The editor waits for the service's recent metric values (a day of windows): show its shape meanwhile.
export default function Loading() {
  return (
    <div className="flex flex-col gap-4">
      <LoadingBlock label="Loading the score config and the service's recent metric values" className="h-10" />
      <Skeleton className="h-96 w-full" />
    </div>
  );
}
