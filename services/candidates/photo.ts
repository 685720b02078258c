// A candidate's one-inch photo as it arrives from a window, a browser or a folder: JPEG or PNG, at most 2 MB.
import { AppError } from '../errors';

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

export function photoTooLarge(): AppError {
  return new AppError('PHOTO_TOO_LARGE', '照片超过 2 MB，请裁剪或压缩后再上传（一寸照片通常不到 200 KB）。');
}

/** The bytes themselves decide, not the file name: a .jpg that is really a Word file is refused. */
export function checkPhoto(bytes: Buffer): Buffer {
  if (bytes.length > MAX_PHOTO_BYTES) throw photoTooLarge();
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  const png = bytes[0] === 0x89 && bytes[1] === 0x50;
  if (!jpeg && !png) throw new AppError('PHOTO_FORMAT', '照片只能是 JPEG 或 PNG 格式，请换一张照片。');
  return bytes;
}

export function photoFromBase64(base64: string): Buffer {
  return checkPhoto(Buffer.from(base64, 'base64'));
}
