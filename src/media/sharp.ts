import type sharpFn from 'sharp';

/**
 * sharp (libvips) is loaded on first use, not at start: a reader-site process that serves pages from
 * variants already on disk never needs it, and loading it costs a noticeable part of a cold start.
 */
export type Sharp = typeof sharpFn;
let loading: Promise<Sharp> | null = null;

export function loadSharp(): Promise<Sharp> {
  loading ??= import('sharp').then((m) => m.default);
  return loading;
}
