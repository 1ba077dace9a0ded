/** The parts of @cornerstonejs/codec-openjpeg's decoder build (Emscripten, no type declarations) used here. */
declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  interface FrameInfo {
    readonly width: number;
    readonly height: number;
    readonly bitsPerSample: number;
    readonly componentCount: number;
    readonly isSigned: boolean;
  }
  interface J2KDecoder {
    getEncodedBuffer(length: number): Uint8Array;
    getDecodedBuffer(): Uint8Array;
    decode(): void;
    getFrameInfo(): FrameInfo;
    delete(): void;
  }
  interface OpenJpegModule {
    J2KDecoder: new () => J2KDecoder;
  }
  interface ModuleOptions {
    locateFile?: (path: string, prefix: string) => string;
    print?: (text: string) => void;
    printErr?: (text: string) => void;
  }
  const factory: (options?: ModuleOptions) => Promise<OpenJpegModule>;
  export default factory;
}
