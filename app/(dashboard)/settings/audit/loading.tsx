import { LoadingBlock } from "@/components/ui/states.tsx";

export default function Loading() {
  return <LoadingBlock label="Loading the audit log" className="h-96" />;
}
