export { MediaLibrary, sniffImage, fetchImage, DEFAULT_LIMITS, type MediaLimits, type ImageMeta } from './images.js';
export { cropSize, cropSizes, cropUrl, CROP_RATIOS, CROP_TARGET_WIDTH, type CropSize } from './urls.js';
export { mediaUrl, pictureHtml, srcset, widthsFor, VARIANT_WIDTHS, VARIANT_FORMATS, type VariantFormat, type PictureSource } from './urls.js';
