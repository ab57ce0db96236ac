// The part of autocannon 8's API the load bench uses (the package ships no types).
declare module "autocannon" {
  namespace autocannon {
    type Histogram = { average: number; total: number; p50: number; p99: number };
    type Result = {
      requests: Histogram;
      latency: Histogram;
      errors: number;
      timeouts: number;
      non2xx: number;
    };
    type Options = {
      url: string;
      connections?: number;
      duration?: number;
      timeout?: number;
      headers?: Record<string, string>;
      requests?: Array<Record<string, unknown>>;
      initialContext?: Record<string, unknown>;
    };
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export default autocannon;
}
