declare module "opencc-js/dict/TSCharacters" {
  /** "繁 简|…": OpenCC's traditional → simplified character table */
  const dict: string;
  export default dict;
}
