// Lives in src/util since the flows use it too (the vault path's pre-flight checks).
export { mapWithConcurrency } from '../../util/concurrency';
