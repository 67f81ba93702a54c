import { LoadingBlock } from "@/components/ui/states.tsx";

export default function Loading() {
  return (
    <div className="space-y-4">
      <LoadingBlock label="Loading the vendor figures…" className="h-24" />
      <LoadingBlock label="" className="h-64" />
    </div>
  );
}
